package org.jincai.batch.report;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.math.BigDecimal;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.StandardChartTheme;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * The report's two charts, drawn with the report's CJK font: the execution rate (YTD) of each agency as bars,
 * and the amounts paid on each day of the month as a line. Charts only show the figures; the tables hold them.
 */
public final class ReportCharts {

    private ReportCharts() {
    }

    /** Bars of the agency table's execution rate (YTD), one per agency that has an indicator. */
    public static BufferedImage executionRateByAgency(ReportTable agencies, ReportFont font, int width, int height) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        int code = agencies.spec().column("代码");
        int rate = agencies.spec().column("执行率");
        for (List<Object> row : agencies.body()) {
            BigDecimal r = (BigDecimal) row.get(rate);
            if (r != null) {
                data.addValue(r, "执行率 %", (String) row.get(code));
            }
        }
        JFreeChart chart = ChartFactory.createBarChart("预算执行率（累计）Execution rate by agency (YTD)", "预算单位 Agency",
                "%", data, PlotOrientation.VERTICAL, false, false, false);
        theme(font).apply(chart);
        chart.getCategoryPlot().getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        return chart.createBufferedImage(width, height);
    }

    /** A line of the amounts paid on each day of the month. */
    public static BufferedImage dailyPaid(ReportTable daily, ReportFont font, int width, int height) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        int date = daily.spec().column("日期");
        int amount = daily.spec().column("金额");
        for (List<Object> row : daily.body()) {
            data.addValue((BigDecimal) row.get(amount), "支付金额 paid", ((String) row.get(date)).substring(8));
        }
        JFreeChart chart = ChartFactory.createLineChart("每日支付金额 Paid by day", "日 Day", "元 CNY", data,
                PlotOrientation.VERTICAL, false, false, false);
        theme(font).apply(chart);
        return chart.createBufferedImage(width, height);
    }

    private static StandardChartTheme theme(ReportFont font) {
        StandardChartTheme theme = new StandardChartTheme("jincai");
        theme.setExtraLargeFont(font.awtFont(16f));
        theme.setLargeFont(font.awtFont(13f));
        theme.setRegularFont(font.awtFont(11f));
        theme.setSmallFont(font.awtFont(9f));
        theme.setChartBackgroundPaint(Color.WHITE);
        theme.setPlotBackgroundPaint(Color.WHITE);
        theme.setRangeGridlinePaint(Color.LIGHT_GRAY);
        return theme;
    }
}
