"""Our tests also run under Odoo's own runner (--test-tags) in a database full
of other apps: a test that creates a company must run after every module is
installed, or the companies it creates miss other modules' defaults."""

import importlib
import inspect
import pkgutil
import unittest

from odoo.tests import TransactionCase, tagged

from .test_suite_installed import ADDONS


def _test_classes(addon):
    package = importlib.import_module(f"odoo.addons.{addon}.tests")
    for info in pkgutil.iter_modules(package.__path__):
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, unittest.TestCase) and cls.__module__ == module.__name__:
                yield cls


@tagged("post_install", "-at_install")
class TestOdooRunner(TransactionCase):
    def test_company_creating_tests_run_post_install(self):
        checked = 0
        for addon in ADDONS:
            for cls in _test_classes(addon):
                source = inspect.getsource(cls)
                if '"res.company"].create' not in source:
                    continue
                checked += 1
                self.assertIn("post_install", cls.test_tags, cls.__qualname__)
                self.assertNotIn("at_install", cls.test_tags, cls.__qualname__)
        self.assertGreaterEqual(checked, 4)
