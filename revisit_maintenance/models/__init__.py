from . import (
    maintenance_equipment,
    maintenance_request,
    maintenance_request_opinion,
)
