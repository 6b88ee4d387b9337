from . import test_aliyun, test_short_link, test_signing, test_tencent
