import { Component, onWillStart, useState } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { Layout } from "@web/search/layout";
import { standardActionServiceProps } from "@web/webclient/actions/action_service";

/** Revisit dashboard: the rates of a period, computed by the server in SQL. */
export class RevisitDashboard extends Component {
    static props = { ...standardActionServiceProps };
    static components = { Layout };
    static template = "revisit_management.RevisitDashboard";

    setup() {
        this.orm = useService("orm");
        this.action = useService("action");
        this.periods = [
            { key: "week", label: _t("This Week") },
            { key: "month", label: _t("This Month") },
            { key: "quarter", label: _t("This Quarter") },
            { key: "year", label: _t("This Year") },
        ];
        this.state = useState({ period: "month", data: null });
        onWillStart(() => this.load());
    }

    async load() {
        // the period is the company's current one, in its own calendar
        this.state.data = await this.orm.call("revisit.visit.report", "get_dashboard_data", [], {
            period: this.state.period,
        });
    }

    async setPeriod(period) {
        this.state.period = period;
        await this.load();
    }

    get kpis() {
        const d = this.state.data;
        return [
            { name: "coverage", label: _t("Coverage Rate"), value: `${d.coverage_rate} %`,
              detail: _t("%(visited)s of %(due)s customers due", { visited: d.customers_visited, due: d.customers_due }) },
            { name: "coverage_all", label: _t("Coverage of All Customers"), value: `${d.coverage_all_rate} %`,
              detail: _t("%(visited)s of %(total)s customers", { visited: d.customers_visited, total: d.customers_total }) },
            // no planned visit: no rate ("—"), not 0 %
            { name: "plan", label: _t("Plan Completion Rate"),
              value: d.plan_completion_rate === false ? "—" : `${d.plan_completion_rate} %`,
              detail: _t("%(done)s of %(total)s planned visits", { done: d.plan_done, total: d.plan_visits }) },
            { name: "on_time", label: _t("On-time Rate"), value: `${d.on_time_rate} %`,
              detail: _t("%(done)s visits done", { done: d.done }) },
            { name: "satisfaction", label: _t("Average Satisfaction"),
              value: d.satisfaction_avg === false ? "—" : `${d.satisfaction_avg} / 5`,
              detail: "" },
            { name: "problems", label: _t("Problem Resolution Rate"), value: `${d.problem_resolution_rate} %`,
              detail: _t("%(resolved)s of %(problems)s problems", { resolved: d.problems_resolved, problems: d.problems }) },
            { name: "feedback", label: _t("Feedback Timeliness Rate"), value: `${d.feedback_timely_rate} %`,
              detail: "" },
            { name: "survey_return", label: _t("Questionnaire Return Rate"), value: `${d.survey_return_rate} %`,
              detail: _t("%(answered)s of %(sent)s answered (target: %(target)s)", {
                  answered: d.surveys_answered, sent: d.surveys_sent, target: `${d.survey_return_target} %` }),
              warning: d.surveys_sent > 0 && d.survey_return_rate < d.survey_return_target },
        ];
    }

    /** The reach funnel: each stage with its rate of the stage before. */
    get funnel() {
        const d = this.state.data;
        return [
            { name: "due", label: _t("Due"), count: d.funnel_due, rate: "" },
            { name: "attempted", label: _t("Attempted (Coverage)"), count: d.funnel_attempted,
              rate: `${d.funnel_coverage_rate} %` },
            { name: "reached", label: _t("Reached"), count: d.funnel_reached,
              rate: `${d.funnel_reach_rate} %` },
            { name: "answered", label: _t("Answered"), count: d.funnel_answered,
              rate: `${d.funnel_answer_rate} %` },
            { name: "valid", label: _t("Valid Records"), count: d.funnel_valid,
              rate: `${d.funnel_valid_rate} %` },
            { name: "satisfaction", label: _t("Satisfaction (0-100)"),
              count: d.funnel_satisfaction === false ? "—" : d.funnel_satisfaction,
              rate: _t("CSAT %(csat)s · NPS %(nps)s · CES %(ces)s", {
                  csat: d.funnel_csat === false ? "—" : `${d.funnel_csat} %`,
                  nps: d.funnel_nps === false ? "—" : d.funnel_nps,
                  // CES answers are 1-7: 0 is the average of no answer
                  ces: !d.funnel_ces ? "—" : d.funnel_ces }) },
            { name: "closed_loop", label: _t("Closed-loop Rate"),
              count: d.funnel_low ? `${d.funnel_closed_loop_rate} %` : "—",
              rate: _t("%(closed)s of %(low)s low scores", { closed: d.funnel_closed_loop, low: d.funnel_low }) },
        ];
    }

    get distribution() {
        const dist = this.state.data.satisfaction_distribution;
        const max = Math.max(1, ...Object.values(dist));
        return [1, 2, 3, 4, 5].map((score) => ({
            score,
            count: dist[score] || 0,
            width: `${(100 * (dist[score] || 0)) / max}%`,
        }));
    }

    /** Open the visits a card counts: the server gives each card's domain. */
    openCard(card, extra = []) {
        this.action.doAction({
            type: "ir.actions.act_window",
            name: _t("Revisits"),
            res_model: "revisit.visit",
            views: [[false, "list"], [false, "form"]],
            domain: [...this.state.data.domains[card], ...extra],
        });
    }

    openAnalysis() {
        this.action.doAction("revisit_management.revisit_visit_report_action");
    }
}

registry.category("actions").add("revisit_dashboard", RevisitDashboard);
