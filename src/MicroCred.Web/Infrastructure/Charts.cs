using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace MicroCred.Web.Infrastructure;

/// <summary>One value of a chart; a null value is a gap (no data that period).</summary>
public sealed record ChartPoint(string Label, double? Value, string? Note = null)
{
    /// <summary>The label in full for the chart's table, where the axis shows it shortened.</summary>
    public string? FullLabel { get; init; }
}

/// <summary>
/// A small server-rendered SVG chart (no script): a title and description for assistive technology, and the same
/// numbers in a table next to it. <see cref="Threshold"/> draws a dashed reference line (e.g. the agreement threshold).
/// </summary>
public sealed record ChartModel(string Id, string Title, string Description, IReadOnlyList<ChartPoint> Points, double Max,
    string LabelHeader, string ValueHeader, string Suffix = "", double? Threshold = null, string? ThresholdLabel = null)
{
    public const int Width = 640;
    public const int Height = 240;
    public const int Left = 44;
    public const int Right = 16;
    public const int Top = 16;
    public const int Bottom = 40;

    public double PlotWidth => Width - Left - Right;
    public double PlotHeight => Height - Top - Bottom;
    public double Scale => Max <= 0 ? 1 : Max;

    /// <summary>Centre x of point <paramref name="i"/>.</summary>
    public double X(int i) => Left + PlotWidth * (i + 0.5) / Math.Max(1, Points.Count);
    public double Y(double value) => Top + PlotHeight * (1 - Math.Clamp(value / Scale, 0, 1));
    public double BarWidth => PlotWidth / Math.Max(1, Points.Count) * 0.6;

    public IEnumerable<double> Ticks => Enumerable.Range(0, 5).Select(i => Scale * i / 4);

    /// <summary>An SVG &lt;text&gt; (written here: Razor reserves the tag name), its content encoded.</summary>
    public static IHtmlContent Text(double x, double y, string anchor, string content) =>
        new HtmlString($"<text class=\"chart-axis\" x=\"{N(x)}\" y=\"{N(y)}\" text-anchor=\"{anchor}\">{HtmlEncoder.Default.Encode(content)}</text>");

    public static string N(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    public string Format(double? value) => value is { } v ? v.ToString(Suffix == "%" ? "0.0" : "0.##", CultureInfo.InvariantCulture) + Suffix : "—";

    /// <summary>The line through every point with a value ("M x y L x y …"), broken at gaps.</summary>
    public string LinePath()
    {
        var parts = new List<string>();
        var pen = false;
        for (var i = 0; i < Points.Count; i++)
        {
            if (Points[i].Value is not { } v) { pen = false; continue; }
            parts.Add($"{(pen ? "L" : "M")}{N(X(i))} {N(Y(v))}");
            pen = true;
        }
        return string.Join(' ', parts);
    }
}
