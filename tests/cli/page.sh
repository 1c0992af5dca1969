# The page of heed serve in a real browser (headless Chromium through chromedriver): it loads,
# lists the direction, translates a typed sentence as heed translate does, shows the attention
# picture, translates HTML with its markup, and uploads a .docx and an .html for download. A screenshot is kept as a test artifact (build/test-artifacts/page.png).
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
second="Y fué la tarde y la mañana un día."
expected2=$(echo "$second" | "$HEED" translate -q -m models/tiny-es-en.heed)
"$HEED" detect --train es="$DATA/bible.train.es" en="$DATA/bible.train.en" -o languages.lid 2> /dev/null
start_server "$HEED" serve.log -m models/tiny-es-en.heed --threads 1 --language-profile languages.lid
trap 'kill "$PID" 2>/dev/null; rm -rf "$WORK"' EXIT
check "the server starts" test -n "$PORT"

# A Word file and a page to upload.
python3 - <<'PY'
import zipfile
with zipfile.ZipFile("carta.docx", "w") as z:
    z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
    z.writestr("word/document.xml", '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
               '<w:body><w:p><w:r><w:t xml:space="preserve">Y las </w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>tinieblas</w:t></w:r>'
               '<w:r><w:t xml:space="preserve"> estaban sobre la faz del abismo.</w:t></w:r></w:p></w:body></w:document>')
open("pagina.html", "w").write('<p>Y las <a href="/x">tinieblas</a> estaban sobre la faz del abismo.</p>')
PY
PYTHONPATH="$SRC/tests/cli/lib" /usr/bin/python3 - "$PORT" "$sentence" "$expected" "$SRC/build/test-artifacts/page.png" "$second" "$expected2" "$WORK" > browser.log 2>&1 <<'PY'
import io, json, os, sys, urllib.request, zipfile
from client import Checks
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

port, sentence, expected, screenshot, second, expected2, work = sys.argv[1:8]

def docx_translated(content):
    text = zipfile.ZipFile(io.BytesIO(content)).read("word/document.xml").decode()
    return "<w:b/>" in text and "tinieblas" not in text
def html_translated(content):
    return b'<a href="/x">' in content and b"tinieblas" not in content
files = [(os.path.join(work, "carta.docx"), docx_translated), (os.path.join(work, "pagina.html"), html_translated)]
options = webdriver.ChromeOptions()
options.binary_location = "/usr/bin/chromium"
for flag in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--window-size=1100,800"]:
    options.add_argument(flag)
driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
check = Checks()
try:
    driver.get(f"http://127.0.0.1:{port}/")
    wait = WebDriverWait(driver, 30)
    wait.until(lambda d: d.find_element(By.ID, "direction").find_elements(By.TAG_NAME, "option"))
    options_text = [o.text for o in driver.find_element(By.ID, "direction").find_elements(By.TAG_NAME, "option")]
    check(f"the direction lists Spanish to English and detection ({options_text})",
          options_text == ["Spanish → English", "Detect language → English"])
    for element in ["source", "target", "direction"]:
        label = driver.find_elements(By.CSS_SELECTOR, f"label[for={element}]")
        check(f"#{element} has a label", len(label) == 1)
    driver.find_element(By.ID, "source").send_keys(sentence)
    wait.until(lambda d: d.find_element(By.ID, "target").get_attribute("value"))
    got = driver.find_element(By.ID, "target").get_attribute("value")
    check(f"the typed sentence is translated as heed translate does: {got!r} vs {expected!r}", got == expected)
    alternatives = [li.text for li in driver.find_elements(By.CSS_SELECTOR, "#alternatives li")]
    check(f"at most three alternatives, none the translation ({alternatives})",
          len(alternatives) <= 3 and expected not in alternatives)
    driver.find_element(By.ID, "attention").click()
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#picture svg"))
    check("the attention picture appears", len(driver.find_elements(By.CSS_SELECTOR, "#picture svg")) == 1)
    driver.save_screenshot(screenshot)
    # Paragraphs: the blank line between them stays in the translation.
    source = driver.find_element(By.ID, "source")
    source.clear()
    driver.execute_script("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input'));",
                          source, sentence + "\n\n" + second)
    want = expected + "\n\n" + expected2
    wait.until(lambda d: d.find_element(By.ID, "target").get_attribute("value") == want)
    check("two paragraphs come back as two paragraphs", driver.find_element(By.ID, "target").get_attribute("value") == want)
    # Detect language: the status names the detected language, the translation is the same.
    driver.find_element(By.ID, "direction").find_elements(By.TAG_NAME, "option")[1].click()
    driver.execute_script("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input'));",
                          source, sentence)
    wait.until(lambda d: d.find_element(By.ID, "target").get_attribute("value") == expected
               and "Detected" in d.find_element(By.ID, "status").text)
    check("detection names Spanish", "Detected: Spanish" in driver.find_element(By.ID, "status").text)
    # HTML mode: the markup comes back, as the API gives it.
    driver.find_element(By.ID, "direction").find_elements(By.TAG_NAME, "option")[0].click()
    driver.find_element(By.CSS_SELECTOR, "#format option[value=html]").click()
    page = "<p>Y dijo <b>Dios</b>: Sea la luz.</p>"
    body = json.dumps({"q": page, "source": "es", "target": "en", "format": "html"}).encode()
    with urllib.request.urlopen(urllib.request.Request(f"http://127.0.0.1:{port}/translate", body,
                                                       {"Content-Type": "application/json"})) as r:
        want = json.load(r)["translatedText"]
    driver.execute_script("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input'));",
                          source, page)
    wait.until(lambda d: d.find_element(By.ID, "target").get_attribute("value") == want)
    check(f"HTML comes back with its markup ({want})", "<b>" in want and "</b>" in want and "dijo" not in want)
    # Files: upload, translate, download.
    for path, check_content in files:
        driver.find_element(By.ID, "file").send_keys(path)
        driver.find_element(By.ID, "translate-file").click()
        name = os.path.basename(path)
        wait.until(lambda d: d.find_element(By.ID, "download").is_displayed()
                   and name.split(".")[0] in d.find_element(By.ID, "download").get_attribute("download"))
        link = driver.find_element(By.ID, "download")
        with urllib.request.urlopen(link.get_attribute("href")) as r:
            content = r.read()
        check(f"{name} is translated and downloadable ({link.text})", check_content(content))
finally:
    driver.quit()
check.finish("browser")
PY
code=$?
grep FAIL browser.log >&2
check "the browser's checks pass (exit $code; $(tail -1 browser.log))" test "$code" -eq 0
check "a screenshot is kept" test -s "$SRC/build/test-artifacts/page.png"
finish
