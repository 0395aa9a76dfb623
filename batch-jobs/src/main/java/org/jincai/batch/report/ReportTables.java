package org.jincai.batch.report;

import static org.jincai.batch.report.ReportColumn.count;
import static org.jincai.batch.report.ReportColumn.hours;
import static org.jincai.batch.report.ReportColumn.money;
import static org.jincai.batch.report.ReportColumn.rate;
import static org.jincai.batch.report.ReportColumn.text;

import java.util.List;

/** The tables of the monthly report, in the order of the workbook's sheets and the PDF's sections. */
public final class ReportTables {

    static final List<ReportColumn> BUDGET_COLUMNS = List.of(text("代码 Code"), text("名称 Name"),
            money("指标 Indicator"), money("本月计划 Plan (month)"), money("累计计划 Plan (YTD)"), money("占用 Reserved"),
            money("本月支付 Paid (month)"), money("累计支付 Paid (YTD)"), rate("执行率% Execution rate (YTD)"),
            rate("计划执行率% Plan execution (month)"));

    public static final TableSpec BUDGET_ADM_DIV = budget("budget-adm-div", "预算执行：行政区划 by administrative division",
            "行政区划 AdmDiv");
    public static final TableSpec BUDGET_AGENCY = budget("budget-agency", "预算执行：预算单位 by agency", "预算单位 Agency");
    public static final TableSpec BUDGET_FUNC_CLASS = budget("budget-func-class",
            "预算执行：功能分类 类 by functional class (3 digits)", "功能分类-类 FuncClass");
    public static final TableSpec BUDGET_FUNC_SECTION = budget("budget-func-section",
            "预算执行：功能分类 款 by functional section (5 digits)", "功能分类-款 FuncSection");
    public static final TableSpec BUDGET_FUNC_ITEM = budget("budget-func-item",
            "预算执行：功能分类 项 by functional item (7 digits)", "功能分类-项 FuncItem");
    public static final TableSpec BUDGET_ECONOMIC = budget("budget-economic",
            "预算执行：经济分类 by economic classification (GovExpEcoCode)", "经济分类 Economic");
    public static final TableSpec BUDGET_FUND_TYPE = budget("budget-fund-type", "预算执行：资金性质 by fund type",
            "资金性质 FundType");
    public static final TableSpec BUDGET_PAY_TYPE = budget("budget-pay-type",
            "预算执行：支付方式 by payment type (voucher type VtCode)", "支付方式 PayType");

    public static final TableSpec BANKS = new TableSpec("banks", "银行 by bank: payments released, rejections, release to booking",
            "银行 Banks", List.of(text("银行 Bank"), count("本月笔数 Payments (month)"), money("本月金额 Amount (month)"),
                    count("拒绝笔数 Rejected"), rate("拒绝率% Rejection rate"), count("已入账笔数 Booked"),
                    hours("平均放款至入账(小时) Avg release to booking (h)"), count("累计笔数 Payments (YTD)"),
                    money("累计金额 Amount (YTD)")), true);

    public static final TableSpec ALERTS = new TableSpec("alerts", "风险预警 risk alerts by rule", "风险预警 Alerts",
            List.of(text("规则 Rule"), count("本月 Raised (month)"), count("累计 Raised (YTD)"), count("未处理 Open"),
                    count("已确认 Acknowledged"), money("本月金额 Amount (month)")), true);

    public static final TableSpec DAILY_PAID = new TableSpec("daily-paid", "每日支付 paid by day", "每日支付 Daily",
            List.of(text("日期 Date"), count("笔数 Payments"), money("金额 Amount")), true);

    /** Every table, in order. */
    public static final List<TableSpec> ALL = List.of(BUDGET_ADM_DIV, BUDGET_AGENCY, BUDGET_FUNC_CLASS,
            BUDGET_FUNC_SECTION, BUDGET_FUNC_ITEM, BUDGET_ECONOMIC, BUDGET_FUND_TYPE, BUDGET_PAY_TYPE, BANKS, ALERTS,
            DAILY_PAID);

    private ReportTables() {
    }

    private static TableSpec budget(String name, String title, String sheet) {
        return new TableSpec(name, title, sheet, BUDGET_COLUMNS, true);
    }
}
