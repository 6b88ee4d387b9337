from . import signing, sms_api
