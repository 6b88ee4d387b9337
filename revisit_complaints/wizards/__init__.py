from . import revisit_complaint_letter
