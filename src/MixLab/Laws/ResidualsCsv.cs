using System.Globalization;
using System.Text;

namespace MixLab.Laws;

/// <summary>Writes the residual table of a fit as CSV (one row per input row, with its source line).</summary>
public static class ResidualsCsv
{
    /// <summary>Writes <paramref name="path"/> through a temporary file; returns the path.</summary>
    public static string Write(FitResult fit, string path)
    {
        var features = fit.Residuals.SelectMany(r => r.Features.Select(f => f.Name)).Distinct().ToList();
        var sb = new StringBuilder();
        sb.AppendLine(string.Join(',', new[] { "line", "group" }.Concat(features).Concat(["observed", "predicted", "residual", "held_out"])));
        foreach (var r in fit.Residuals)
        {
            var values = features.Select(f => Format(r.Features.FirstOrDefault(x => x.Name == f).Value));
            sb.AppendLine(string.Join(',', new[] { r.Line.ToString(CultureInfo.InvariantCulture), Quote(r.Group) }
                .Concat(values).Concat([Format(r.Observed), Format(r.Predicted), Format(r.Residual), r.HeldOut ? "true" : "false"])));
        }
        var tmp = path + ".tmp";
        File.WriteAllText(tmp, sb.ToString());
        File.Move(tmp, path, overwrite: true);
        return path;
    }

    private static string Format(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    private static string Quote(string s) => s.IndexOfAny([',', '"', '\n']) >= 0 ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;
}
