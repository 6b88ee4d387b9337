from . import maintenance_equipment, maintenance_request
