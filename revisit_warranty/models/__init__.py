from . import (
    revisit_visit,
    revisit_warranty,
    revisit_warranty_line,
    revisit_warranty_repair,
    revisit_warranty_type,
)
