def migrate(cr, version):
    """The links the complaint workflow made before it recorded them: the
    visits its closing planned (through a complaint event) follow up their
    complaint; duplicates of the same customer and company were linked by
    the proposal."""
    cr.execute(
        """
        UPDATE revisit_visit v
           SET followup_ticket_id = v.ticket_id
          FROM revisit_event e
         WHERE v.event_id = e.id
           AND e.trigger = 'complaint'
           AND v.ticket_id IS NOT NULL
           AND v.followup_ticket_id IS NULL
        """
    )
    cr.execute(
        """
        UPDATE helpdesk_ticket t
           SET duplicate_marked_id = t.duplicate_id
          FROM helpdesk_ticket o
         WHERE t.duplicate_id = o.id
           AND t.commercial_partner_id = o.commercial_partner_id
           AND t.company_id = o.company_id
           AND t.duplicate_marked_id IS NULL
        """
    )
