# The page of heed serve in a real browser (headless Chromium through chromedriver): it loads,
# lists the direction, translates a typed sentence as heed translate does, and shows the attention
# picture. A screenshot is kept as a test artifact (build/test-artifacts/page.png).
source "$(dirname "$0")/lib/common.sh"
cd "$WORK"
for tool in /usr/bin/chromium /usr/bin/chromedriver; do
  [ -x "$tool" ] || { echo "skipped: $tool is missing (scripts/setup.sh --tests installs it)"; exit 0; }
done
/usr/bin/python3 -c "import selenium" 2>/dev/null || { echo "skipped: python3-selenium is missing (scripts/setup.sh --tests)"; exit 0; }
mkdir -p models "$SRC/build/test-artifacts"
cp "$DATA/tiny-trained.heed" models/tiny-es-en.heed
sentence="Y dijo Dios: Sea la luz: y fué la luz."
expected=$(echo "$sentence" | "$HEED" translate -q -m models/tiny-es-en.heed)
start_server "$HEED" serve.log -m models/tiny-es-en.heed --threads 1
trap 'kill "$PID" 2>/dev/null; rm -rf "$WORK"' EXIT
check "the server starts" test -n "$PORT"

/usr/bin/python3 - "$PORT" "$sentence" "$expected" "$SRC/build/test-artifacts/page.png" > browser.log 2>&1 <<'PY'
import sys
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

port, sentence, expected, screenshot = sys.argv[1:5]
options = webdriver.ChromeOptions()
options.binary_location = "/usr/bin/chromium"
for flag in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--window-size=1100,800"]:
    options.add_argument(flag)
driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
failures = 0
def check(what, ok):
    global failures
    if not ok:
        failures += 1
        print("FAIL:", what)
try:
    driver.get(f"http://127.0.0.1:{port}/")
    wait = WebDriverWait(driver, 30)
    wait.until(lambda d: d.find_element(By.ID, "direction").find_elements(By.TAG_NAME, "option"))
    options_text = [o.text for o in driver.find_element(By.ID, "direction").find_elements(By.TAG_NAME, "option")]
    check(f"the direction lists Spanish to English ({options_text})", options_text == ["Spanish → English"])
    for element in ["source", "target", "direction"]:
        label = driver.find_elements(By.CSS_SELECTOR, f"label[for={element}]")
        check(f"#{element} has a label", len(label) == 1)
    driver.find_element(By.ID, "source").send_keys(sentence)
    wait.until(lambda d: d.find_element(By.ID, "target").get_attribute("value"))
    got = driver.find_element(By.ID, "target").get_attribute("value")
    check(f"the typed sentence is translated as heed translate does: {got!r} vs {expected!r}", got == expected)
    driver.find_element(By.ID, "attention").click()
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#picture svg"))
    check("the attention picture appears", len(driver.find_elements(By.CSS_SELECTOR, "#picture svg")) == 1)
    driver.save_screenshot(screenshot)
finally:
    driver.quit()
print(f"browser: {failures} failures")
sys.exit(1 if failures else 0)
PY
code=$?
grep FAIL browser.log >&2
check "the browser's checks pass (exit $code; $(tail -1 browser.log))" test "$code" -eq 0
check "a screenshot is kept" test -s "$SRC/build/test-artifacts/page.png"
finish
