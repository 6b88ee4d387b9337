import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_utils";

registry.category("web_tour.tours").add("revisit_payslip_tour", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            trigger: '.o_app[data-menu-xmlid="payroll.payroll_menu_root"]',
            run: "click",
        },
        {
            trigger: '.o_menu_sections [data-menu-xmlid="payroll.hr_payslip_menu"]',
            run: "click",
        },
        {
            content: "Open the draft payslip of last month",
            trigger: '.o_list_view .o_data_row td[name="employee_id"]:contains("Tour Payee")',
            run: "click",
        },
        {
            trigger: '.o_form_view button[name="compute_sheet"]',
            run: "click",
        },
        {
            trigger: '.o_form_view .o_notebook a.nav-link[name="computation"]',
            run: "click",
        },
        {
            content: "The revisit bonus is a line of the sheet",
            trigger:
                '.o_form_view div[name="dynamic_filtered_payslip_lines"] .o_data_row:has(td[name="code"]:contains("REVISIT_BONUS")) td[name="total"]:contains("500.00")',
        },
        {
            content: "NET = basic 8,000 + bonus 500",
            trigger:
                '.o_form_view div[name="dynamic_filtered_payslip_lines"] .o_data_row:has(td[name="code"]:contains("NET")) td[name="total"]:contains("8,500.00")',
        },
    ],
});
