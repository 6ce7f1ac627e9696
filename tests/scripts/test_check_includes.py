#!/usr/bin/env python3
"""scripts/check-includes.py fails on a forbidden include, naming its file and line.

    tests/scripts/test_check_includes.py SOURCE_ROOT

The checks run on a copy of common/, indexer/ and searcher/ in a temporary folder, to which each
case adds one include; the repository itself is never touched.
"""

import pathlib
import shutil
import subprocess
import sys
import tempfile
import unittest

ROOT = pathlib.Path(sys.argv.pop(1) if len(sys.argv) > 1 else pathlib.Path(__file__).resolve().parents[2])
CHECK = ROOT / "scripts" / "check-includes.py"


class CheckIncludes(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.temp = tempfile.TemporaryDirectory()
        cls.copy = pathlib.Path(cls.temp.name)
        for folder in ("common", "indexer", "searcher"):
            shutil.copytree(ROOT / folder, cls.copy / folder)

    @classmethod
    def tearDownClass(cls):
        cls.temp.cleanup()

    def run_check(self):
        return subprocess.run([sys.executable, str(CHECK), str(self.copy)], capture_output=True, text=True)

    def add_include(self, file, include):
        """Puts `include` on the second line of `file` until the case ends; returns that line's number."""
        path = self.copy / file
        original = path.read_text(encoding="utf-8")
        self.addCleanup(path.write_text, original, encoding="utf-8")
        lines = original.splitlines(keepends=True)
        lines.insert(1, include + "\n")
        path.write_text("".join(lines), encoding="utf-8")
        return 2

    def test_the_copy_as_it_is_passes(self):
        result = self.run_check()
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        self.assertEqual(result.stdout, "")

    def test_each_forbidden_include_is_reported_at_its_line(self):
        cases = [
            ("common/query/snippet.cpp", '#include "output/printer.h"', "query/ must not include output/printer.h"),
            ("common/index/compact.cpp", '#include "cli/exit_codes.h"', "index/ must not include cli/exit_codes.h"),
            ("common/util/hash.cpp", '#include "schema.h"', "util/ must not include schema.h"),
            ("common/readers/article_fields.cpp", '#include "analysis/folding.h"', "readers/ must not include analysis/"),
            ("common/output/printer.cpp", "#include <CLI/CLI.hpp>", "output/ must not include CLI11"),
            ("searcher/main.cpp", '#include "../indexer/options.h"', "searcher/ must not include ../indexer/options.h"),
        ]
        for file, include, reason in cases:
            with self.subTest(file=file, include=include):
                line = self.add_include(file, include)
                result = self.run_check()
                self.doCleanups()
                self.assertEqual(result.returncode, 1, result.stdout + result.stderr)
                self.assertEqual(result.stdout.count("\n"), 1, result.stdout)
                self.assertTrue(result.stdout.startswith(f"{file}:{line}: {reason}"), result.stdout)


if __name__ == "__main__":
    unittest.main()
