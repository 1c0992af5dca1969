#!/usr/bin/env python3
"""Tests of layers.py on small made-up trees: each rule fails where it should, naming file and
line, and stays quiet where it should. Run by ctest; needs only Python's standard library."""
import pathlib
import subprocess
import sys
import tempfile
import unittest

LAYERS = pathlib.Path(__file__).resolve().parent / "layers.py"

RULES = """# Architecture

| module | may include |
| --- | --- |
| `core` | — |
| `decode` | `core` |
| `cli` | `core`, `decode` |
"""


class LayersTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.root = pathlib.Path(self.dir.name)
        self.write("docs/architecture.md", RULES)
        self.write("include/heed/core/tensor.h", "#pragma once\n#include <vector>\n")
        self.write("src/core/tensor.cc", '#include "heed/core/tensor.h"\n')
        self.write("include/heed/decode/translator.h", '#pragma once\n#include "heed/core/tensor.h"\n')
        self.write("src/decode/plan.h", "#pragma once\n")
        self.write("src/decode/translator.cc",
                   '#include "heed/decode/translator.h"\n#include "plan.h"\n'
                   '// Warnings go to the caller, never to stderr.\n'
                   'const char* kNote = "printf( is not called here";\n')
        self.write("src/cli/command.h", "#pragma once\n")
        self.write("src/cli/main.cc",
                   '#include "command.h"\n#include "heed/decode/translator.h"\n#include <cstdio>\n'
                   'int main() { std::fprintf(stderr, "hello\\n"); }\n')

    def tearDown(self):
        self.dir.cleanup()

    def write(self, name, text):
        path = self.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)

    def run_layers(self):
        result = subprocess.run([sys.executable, str(LAYERS), str(self.root)], capture_output=True, text=True)
        return result.returncode, result.stdout

    def test_a_clean_tree_passes_and_prints_the_matrix(self):
        code, out = self.run_layers()
        self.assertEqual(code, 0, out)
        self.assertIn("0 problem(s) in 3 modules", out)
        decode_row = next(line for line in out.splitlines() if line.startswith("decode "))
        self.assertEqual(decode_row.split(), ["decode", "1", "1", "."])  # core, decode, cli

    def test_an_include_upwards_fails_with_file_and_line(self):
        self.write("src/core/tensor.cc", '#include "heed/core/tensor.h"\n\n#include "heed/decode/translator.h"\n')
        code, out = self.run_layers()
        self.assertEqual(code, 1)
        self.assertIn("src/core/tensor.cc:3: core includes heed/decode/translator.h, but core may include only: nothing", out)

    def test_a_module_missing_from_the_table_fails(self):
        self.write("src/serve/server.cc", '#include "heed/core/tensor.h"\n')
        code, out = self.run_layers()
        self.assertEqual(code, 1)
        self.assertIn("module serve is not in the table", out)

    def test_a_public_header_including_a_private_one_fails(self):
        self.write("include/heed/decode/translator.h", '#pragma once\n#include "plan.h"\n')
        code, out = self.run_layers()
        self.assertEqual(code, 1)
        self.assertIn('include/heed/decode/translator.h:2: the public header includes "plan.h"', out)

    def test_another_modules_private_header_fails(self):
        self.write("src/decode/translator.cc", '#include "../cli/command.h"\n')
        code, out = self.run_layers()
        self.assertEqual(code, 1)
        self.assertIn('src/decode/translator.cc:1: includes "../cli/command.h", which is not a private header of decode', out)

    def test_terminal_output_options_and_environment_below_cli_fail(self):
        self.write("src/decode/translator.cc",
                   '#include <boost/program_options.hpp>\n#include <cstdlib>\n'
                   'void warn() { fmt::print(stderr, "x"); std::cout << 1; }\n'
                   'const char* folder() { return std::getenv("HEED_MODELS"); }\n')
        code, out = self.run_layers()
        self.assertEqual(code, 1)
        self.assertIn("src/decode/translator.cc:1: program options are read in cli only", out)
        self.assertIn("src/decode/translator.cc:3: stderr: below cli nothing writes to the terminal", out)
        self.assertIn("src/decode/translator.cc:3: std::cout: below cli nothing writes to the terminal", out)
        self.assertIn("src/decode/translator.cc:4: getenv: the environment is read in app", out)

    def test_raw_strings_and_block_comments_are_not_code(self):
        self.write("src/decode/translator.cc",
                   '/* stderr\n   stdout */\nconst char* kPage = R"html(<p>stdout\n// not a comment</p>)html";\n'
                   "int x = 1'000; // stderr\n")
        code, out = self.run_layers()
        self.assertEqual(code, 0, out)


if __name__ == "__main__":
    unittest.main()
