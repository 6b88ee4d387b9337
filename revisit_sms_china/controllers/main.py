import json
import logging
import re

from odoo.http import Controller, request, route

_logger = logging.getLogger(__name__)

TOKEN_RE = re.compile(r"^[0-9a-f]{32}$")
UUID_RE = re.compile(r"^[0-9a-f]{32}$")
CODE_RE = re.compile(r"^[A-Za-z0-9]{10}$")
# the gateways' delivery reports: posted by their servers, without session
REPORT_ROUTE = {
    "type": "http",
    "auth": "public",
    "methods": ["POST"],
    "csrf": False,
    "save_session": False,
}


class SmsChinaController(Controller):
    """Delivery reports of Aliyun and Tencent Cloud, and the questionnaires'
    short links."""

    # ------------------------------------------------------------------
    # Status callbacks
    # ------------------------------------------------------------------
    # Neither gateway signs its SMS delivery reports. A report is accepted
    # only on the company's secret callback URL (registered in the gateway's
    # console), for an SMS this company sent through that gateway, naming
    # the gateway's id returned at sending (BizId / SerialNo) and, when the
    # report carries it, ours (Aliyun out_id, Tencent ext).

    @route("/sms_china/aliyun/report/<string:token>", **REPORT_ROUTE)
    def aliyun_report(self, token, **_kwargs):
        """Aliyun's HTTP batch push of ``SmsReport``: a JSON list of
        ``{phone_number, success, err_code, err_msg, biz_id, out_id, …}``."""
        return self._receive(
            token,
            "aliyun",
            lambda report: (
                report.get("out_id"),
                report.get("biz_id"),
                report.get("success") is True,
                report.get("err_code") or "",
                report.get("err_msg") or "",
            ),
            accepted={"code": 0, "msg": "成功"},
            refused={"code": 1, "msg": "refused"},
        )

    @route("/sms_china/tencent/report/<string:token>", **REPORT_ROUTE)
    def tencent_report(self, token, **_kwargs):
        """Tencent's SMS status callback: a JSON list of ``{mobile,
        report_status, errmsg, description, sid, ext, …}``, ``ext`` being the
        SessionContext given at sending."""

        def read(report):
            ext = report.get("ext")
            if isinstance(ext, dict):
                ext = ext.get("SessionContext")
            return (
                ext,
                report.get("sid"),
                report.get("report_status") == "SUCCESS",
                report.get("errmsg") or "",
                report.get("description") or "",
            )

        return self._receive(
            token,
            "tencent",
            read,
            accepted={"result": 0, "errmsg": "OK"},
            refused={"result": 1, "errmsg": "refused"},
        )

    def _receive(self, token, provider, read, accepted, refused):
        """Apply each report of the body, ``read(report)`` giving our id, the
        gateway's id, delivered, the error code and message; answer the
        gateway ``accepted``, or ``refused`` (403) when the URL or the body is
        not one."""
        reports = self._reports(token, provider)
        if reports is None:
            return request.make_json_response(refused, status=403)
        for report in reports:
            self._apply(token, provider, *read(report))
        return request.make_json_response(accepted)

    def _company(self, token, provider):
        if not TOKEN_RE.match(token or ""):
            return request.env["res.company"]
        return (
            request.env["res.company"]
            .sudo()
            .search(
                [
                    ("sms_china_callback_token", "=", token),
                    ("sms_provider", "=", provider),
                ],
                limit=1,
            )
        )

    def _reports(self, token, provider):
        """The report list, or None when the URL or the body is not one."""
        if not self._company(token, provider):
            _logger.warning("%s SMS report on an unknown callback URL", provider)
            return None
        try:
            reports = json.loads(request.httprequest.get_data() or b"null")
        except ValueError:
            return None
        if isinstance(reports, dict):
            reports = [reports]
        if not isinstance(reports, list) or not all(
            isinstance(r, dict) for r in reports
        ):
            return None
        return reports

    def _apply(self, token, provider, sms_uuid, provider_id, delivered, code, message):
        # sudo: trackers are technical records; the report is applied only to
        # the SMS of the callback URL's company that the gateway named by
        # both its own id and ours (see above)
        if not provider_id or (sms_uuid and not UUID_RE.match(str(sms_uuid))):
            _logger.warning("%s SMS report without valid ids: %s", provider, sms_uuid)
            return
        company = self._company(token, provider)
        domain = [
            ("sms_china_provider_id", "=", str(provider_id)),
            ("sms_china_company_id", "=", company.id),
        ]
        if sms_uuid:
            domain.append(("sms_uuid", "=", sms_uuid))
        tracker = request.env["sms.tracker"].sudo().search(domain, limit=1)
        if not tracker:
            _logger.warning("%s SMS report for an unknown SMS %s", provider, sms_uuid)
            return
        tracker._sms_china_report(delivered, str(code)[:64], str(message)[:256])

    # ------------------------------------------------------------------
    # Short links
    # ------------------------------------------------------------------

    @route(
        "/r/<string:code>",
        type="http",
        auth="public",
        methods=["GET"],
        sitemap=False,
        save_session=False,
        website=True,
    )
    def short_link(self, code, **_kwargs):
        # sudo: the code is the bearer key of one visit's questionnaire; only
        # where it leads is read
        link = request.env["revisit.short.link"]
        if CODE_RE.match(code or ""):
            link = link.sudo().search([("code", "=", code)], limit=1)
        if not link:
            return request.render(
                "revisit_sms_china.short_link_page", {"reason": "unknown"}, status=404
            )
        url, reason = link._target()
        if url:
            return request.redirect(url, code=302, local=True)
        lang = link.visit_id.partner_id.lang
        if lang:
            request.update_context(lang=lang)
        return request.render(
            "revisit_sms_china.short_link_page",
            {"reason": reason, "company": link.visit_id.company_id},
        )
