def migrate(cr, version):
    """The lines of plans approved before show the day their visit got and
    why it moved, as newly approved plans' lines do."""
    cr.execute(
        """
        UPDATE revisit_plan_line line
           SET visit_date = visit.scheduled_date,
               schedule_note = visit.schedule_note
          FROM revisit_visit visit
         WHERE line.visit_id = visit.id
           AND line.visit_date IS NULL
        """
    )
