from . import test_demo, test_sale_stock
