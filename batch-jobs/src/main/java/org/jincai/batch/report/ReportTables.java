package org.jincai.batch.report;

import static org.jincai.batch.report.ReportColumn.count;
import static org.jincai.batch.report.ReportColumn.decimal;
import static org.jincai.batch.report.ReportColumn.minutes;
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
                    minutes("平均放款至入账(分钟) Avg release to booking (min)"), count("累计笔数 Payments (YTD)"),
                    money("累计金额 Amount (YTD)")), true);

    public static final TableSpec ALERTS = new TableSpec("alerts", "风险预警 risk alerts by rule", "风险预警 Alerts",
            List.of(text("规则 Rule"), count("本月 Raised (month)"), count("累计 Raised (YTD)"), count("未处理 Open"),
                    count("已确认 Acknowledged"), money("本月金额 Amount (month)")), true);

    public static final TableSpec EXCEPTIONS = new TableSpec("reconciliation-exceptions",
            "对账异常 reconciliation exceptions by kind and bank: opened, resolved, still open at the month's end",
            "对账异常 Exceptions", List.of(text("类型 Kind"), text("银行 Bank"), count("本月新增 Opened (month)"),
                    count("本月解决 Resolved (month)"), count("月末未解决 Open at month end"), count("累计新增 Opened (YTD)"),
                    money("本月金额 Amount opened (month)")), true);

    public static final TableSpec DAILY_PAID = new TableSpec("daily-paid", "每日支付 paid by day", "每日支付 Daily",
            List.of(text("日期 Date"), count("笔数 Payments"), money("金额 Amount")), true);

    public static final TableSpec PERFORMANCE = new TableSpec("performance",
            "绩效跟踪：落后于目标，需单位说明 performance behind target: the agency must explain", "绩效预警 Performance",
            List.of(text("目标编号 Target id"), text("行政区划 AdmDiv"), text("预算单位 Agency"), text("名称 Name"),
                    text("科目 Subject (ExpFunc/GovExpEco/FundType/DepPro)"), count("目标月份 Target month"),
                    text("绩效指标 Measure"), text("计量单位 Unit"), decimal("目标值 Target"), decimal("实际值 Actual"),
                    decimal("差距 Gap"), text("状态 Status")), false);

    public static final TableSpec TRENDS = new TableSpec("trends", "趋势分析：环比与同比 month-on-month and year-on-year, by agency",
            "趋势 Trends", List.of(text("预算单位 Agency"), text("名称 Name"), money("本月支付 Paid (month)"),
                    money("上月支付 Paid (previous month)"), rate("环比% MoM"), money("去年同月 Paid (month last year)"),
                    rate("同比% YoY"), money("累计支付 Paid (YTD)"), money("去年累计 Paid (YTD last year)"),
                    rate("累计同比% YTD YoY")), true);

    public static final TableSpec ANOMALIES = new TableSpec("anomalies", "异常模式 unusual patterns, with the rule that flagged"
            + " each", "异常 Anomalies", List.of(text("规则 Rule"), text("行政区划 AdmDiv"), text("预算单位 Agency"),
                    text("说明 Detail"), count("笔数 Payments"), money("金额 Amount")), false);

    /** Every table, in order. */
    public static final List<TableSpec> ALL = List.of(BUDGET_ADM_DIV, BUDGET_AGENCY, BUDGET_FUNC_CLASS,
            BUDGET_FUNC_SECTION, BUDGET_FUNC_ITEM, BUDGET_ECONOMIC, BUDGET_FUND_TYPE, BUDGET_PAY_TYPE, BANKS, ALERTS, EXCEPTIONS,
            DAILY_PAID, PERFORMANCE, TRENDS, ANOMALIES);

    private ReportTables() {
    }

    private static TableSpec budget(String name, String title, String sheet) {
        return new TableSpec(name, title, sheet, BUDGET_COLUMNS, true);
    }
}
