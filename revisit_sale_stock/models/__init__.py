from . import product_template, sale_order, stock_picking
