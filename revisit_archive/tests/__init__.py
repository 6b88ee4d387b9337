from . import test_archive, test_archive_access, test_archive_http
