from . import product_template
from . import sale_order
from . import stock_picking
