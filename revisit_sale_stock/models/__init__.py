from . import product_template, revisit_visit, sale_order, stock_picking
