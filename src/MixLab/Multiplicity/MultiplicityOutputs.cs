using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using static MixLab.JsonWriting;

namespace MixLab.Multiplicity;

/// <summary>Writes the outputs of a multiplicity analysis: ranges.csv (one row per input row, in input order) and summary.json.</summary>
public static class MultiplicityOutputs
{
    /// <summary>
    /// ranges.csv: row, id, group, label, prediction, min, max, width for the first ε, then min/max/width@ε for the others;
    /// a `limit` column marks endpoints that are limits (0 or 1) no finite model reaches.
    /// </summary>
    public static string WriteRanges(MultiplicityResult r, LogisticData data, string path)
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        var eps = r.Options.Epsilons;
        sb.Append("row,id,group,label,prediction,min,max,width,at_limit");
        for (int k = 1; k < eps.Count; k++)
        {
            string e = eps[k].ToString("G6", inv);
            sb.Append($",min@{e},max@{e},width@{e}");
        }
        sb.AppendLine();
        for (int i = 0; i < data.Rows; i++)
        {
            var first = r.Ranges[i][0];
            sb.Append(i + 1).Append(',').Append(Quote(data.Ids[i])).Append(',').Append(Quote(data.Groups?[i] ?? "")).Append(',').Append(data.Y[i])
              .Append(',').Append(first.Prediction.ToString("R", inv)).Append(',').Append(first.Min.ToString("R", inv))
              .Append(',').Append(first.Max.ToString("R", inv)).Append(',').Append(first.Width.ToString("R", inv))
              .Append(',').Append(first.MinAtLimit || first.MaxAtLimit ? "true" : "false");
            for (int k = 1; k < eps.Count; k++)
            {
                var x = r.Ranges[i][k];
                sb.Append(',').Append(x.Min.ToString("R", inv)).Append(',').Append(x.Max.ToString("R", inv)).Append(',').Append(x.Width.ToString("R", inv));
            }
            sb.AppendLine();
        }
        File.WriteAllText(path + ".tmp", sb.ToString());
        File.Move(path + ".tmp", path, overwrite: true);
        return path;
    }

    /// <summary>summary.json: the model, the conventions, every ε's measures, groups, and the analysis sections.</summary>
    public static string Summary(MultiplicityResult r, LogisticData data, ClassificationCsvInfo? info, string input, string version)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            var o = r.Options;
            w.WriteStartObject();
            w.WriteString("method", "viable prediction ranges over the epsilon-level set of L2 logistic regression (Watson-Daniels et al., arXiv 2206.01131), exact, by the Lagrangian path");
            w.WriteString("input", input);
            w.WriteNumber("rows", data.Rows);
            w.WriteStartArray("features");
            foreach (var f in data.FeatureNames) w.WriteStringValue(f);
            w.WriteEndArray();
            if (info is not null)
            {
                w.WriteString("positive_value", info.PositiveValue);
                w.WriteBoolean("standardized", info.Standardized);
                w.WriteStartArray("one_hot_columns");
                foreach (var c in info.OneHotColumns) w.WriteStringValue(c);
                w.WriteEndArray();
            }
            w.WriteStartObject("conventions");
            w.WriteString("loss", "mean log-loss per training row (natural log) + lambda * sum of squared non-intercept weights");
            w.WriteString("epsilon", o.RelativeEpsilon ? "relative: epsilon * L0" : "absolute gap in the mean loss");
            w.WriteString("ambiguity", "share of rows some model in the level set moves by >= delta");
            w.WriteString("discrepancy", "lower bound: the largest share of rows moved by >= delta by one of the 2n extremal models (exact discrepancy is a MINLP)");
            w.WriteString("threshold", "a decision flips when min < tau <= max");
            w.WriteEndObject();
            N(w, "lambda", o.Lambda);
            N(w, "delta", o.Delta);
            N(w, "threshold", o.Threshold);
            w.WriteStartObject("model");
            N(w, "loss", r.Model.Loss);
            N(w, "accuracy", r.Model.Accuracy);
            w.WriteNumber("iterations", r.Model.Iterations);
            w.WriteBoolean("converged", r.Model.Converged);
            w.WriteStartObject("weights");
            for (int j = 0; j < data.Columns; j++) N(w, data.FeatureNames[j], r.Model.Weights[j]);
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteStartArray("epsilons");
            foreach (var s in r.Summaries)
            {
                w.WriteStartObject();
                N(w, "epsilon", s.Epsilon); N(w, "epsilon_absolute", s.EpsilonAbsolute);
                N(w, "mean_width", s.MeanWidth); N(w, "median_width", s.MedianWidth); N(w, "max_width", s.MaxWidth);
                N(w, "share_width_ge_0.1", s.ShareWidthAtLeast01); N(w, "share_width_ge_0.2", s.ShareWidthAtLeast02); N(w, "share_width_ge_0.5", s.ShareWidthAtLeast05);
                N(w, "ambiguity", s.Ambiguity); N(w, "discrepancy_lower_bound", s.DiscrepancyLowerBound);
                N(w, "threshold_ambiguity", s.ThresholdAmbiguity); N(w, "threshold_discrepancy_lower_bound", s.ThresholdDiscrepancyLowerBound);
                N(w, "approximation_max_relative_error", s.MaxApproximationError);
                w.WriteStartObject("groups");
                foreach (var (g, gs) in s.Groups)
                {
                    w.WriteStartObject(g);
                    w.WriteNumber("rows", gs.Rows); N(w, "mean_width", gs.MeanWidth); N(w, "ambiguity", gs.Ambiguity); N(w, "threshold_ambiguity", gs.ThresholdAmbiguity);
                    w.WriteEndObject();
                }
                w.WriteEndObject();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            WriteAnalysis(w, r, data);
            w.WriteNumber("ranges_seconds", Math.Round(r.RangesSeconds, 4));
            w.WriteString("mixlab_version", version);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>
    /// The paper's three sources of multiplicity, read off the results at the largest ε (multiplicity.md §3): outliers (the widest
    /// rows and how rare their feature pattern is), separability (ranges that reach 0 or 1 as limits; rows the model fits with
    /// near-certainty), and majority–minority structure (mean width per group against group size).
    /// </summary>
    private static void WriteAnalysis(Utf8JsonWriter w, MultiplicityResult r, LogisticData data)
    {
        int k = Enumerable.Range(0, r.Summaries.Count).MaxBy(i => r.Summaries[i].EpsilonAbsolute);
        var widths = Enumerable.Range(0, data.Rows).Select(i => (i, r.Ranges[i][k].Width)).OrderByDescending(x => x.Width).ToList();
        w.WriteStartObject("analysis");
        N(w, "at_epsilon", r.Summaries[k].Epsilon);
        w.WriteStartArray("widest_rows");
        foreach (var (i, width) in widths.Take(10))
        {
            w.WriteStartObject();
            w.WriteNumber("row", i + 1); w.WriteString("id", data.Ids[i]); N(w, "width", width);
            N(w, "prediction", r.Ranges[i][k].Prediction); w.WriteNumber("label", data.Y[i]);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteNumber("rows_reaching_a_limit", Enumerable.Range(0, data.Rows).Count(i => r.Ranges[i][k].MinAtLimit || r.Ranges[i][k].MaxAtLimit));
        w.WriteNumber("rows_predicted_beyond_0.99_certainty", Enumerable.Range(0, data.Rows).Count(i => r.Ranges[i][k].Prediction is > 0.99 or < 0.01));
        if (r.Summaries[k].Groups.Count > 1)
        {
            var groups = r.Summaries[k].Groups.OrderBy(g => g.Value.Rows).ToList();
            var minority = groups[0];
            var majority = groups[^1];
            w.WriteStartObject("majority_minority");
            w.WriteString("minority", minority.Key); w.WriteNumber("minority_rows", minority.Value.Rows); N(w, "minority_mean_width", minority.Value.MeanWidth);
            w.WriteString("majority", majority.Key); w.WriteNumber("majority_rows", majority.Value.Rows); N(w, "majority_mean_width", majority.Value.MeanWidth);
            N(w, "width_ratio", majority.Value.MeanWidth > 0 ? minority.Value.MeanWidth / majority.Value.MeanWidth : double.NaN);
            w.WriteEndObject();
        }
        w.WriteEndObject();
    }

    private static string Quote(string s) => s.IndexOfAny([',', '"', '\n']) >= 0 ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;
}
