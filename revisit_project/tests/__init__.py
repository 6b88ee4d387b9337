from . import test_demo, test_project
