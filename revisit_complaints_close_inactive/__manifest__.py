{
    "name": "Revisit Complaints - Close Inactive Tickets",
    "summary": "The inactive-ticket closing job leaves complaints that "
    "cannot close yet",
    "version": "19.0.1.0.0",
    "category": "Services/Revisits",
    "website": "https://github.com/revisit-suite/revisit-suite",
    "author": "Revisit Suite",
    "maintainers": ["revisit-suite"],
    "license": "AGPL-3",
    "development_status": "Alpha",
    "depends": ["revisit_complaints", "helpdesk_ticket_close_inactive"],
    "auto_install": True,
}
