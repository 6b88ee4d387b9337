from . import (
    test_aliyun,
    test_settings_chinese,
    test_short_link,
    test_signing,
    test_tencent,
)
