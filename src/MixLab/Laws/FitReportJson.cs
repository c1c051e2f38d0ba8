using static MixLab.JsonWriting;
using System.Text;
using System.Text.Json;

namespace MixLab.Laws;

/// <summary>
/// Writes a <see cref="FitReport"/> as the fit-result JSON of DESIGN.md: law, formula, estimator, each parameter
/// with <c>estimate</c>, <c>se</c> and <c>ci</c> [lo, hi], metrics, residuals, per-group details. Non-finite numbers
/// are written as null.
/// </summary>
public static class FitReportJson
{
    /// <summary>Serialises the report (indented UTF-8 JSON).</summary>
    public static string Serialize(FitReport report)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            Write(w, report);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Writes fit.json through a temporary file and a rename (crash-safe).</summary>
    public static void WriteFile(string path, FitReport report)
    {
        var tmp = path + ".tmp";
        File.WriteAllText(tmp, Serialize(report) + "\n");
        File.Move(tmp, path, overwrite: true);
    }

    private static void Write(Utf8JsonWriter w, FitReport report)
    {
        var fit = report.Fit;
        w.WriteStartObject();
        w.WriteString("law", fit.Law);
        w.WriteString("formula", fit.Formula);
        w.WriteString("estimator", fit.Estimator);
        w.WriteString("estimator_description", fit.EstimatorDescription);
        w.WriteBoolean("converged", fit.Converged);
        w.WriteBoolean("degenerate", fit.Degenerate);
        w.WriteStartArray("warnings");
        foreach (var g in fit.Groups)
            foreach (var msg in g.Warnings) w.WriteStringValue(fit.Groups.Count == 1 ? msg : $"[{g.Group}] {msg}");
        w.WriteEndArray();

        w.WriteStartObject("parameters");
        foreach (var p in fit.Parameters) WriteEstimate(w, p);
        w.WriteEndObject();
        w.WriteStartObject("fit_parameters");
        foreach (var g in fit.Groups)
            foreach (var p in g.FitParameters) WriteEstimate(w, fit.Groups.Count == 1 ? p : p with { Name = $"{p.Name}[{g.Group}]" });
        w.WriteEndObject();

        w.WritePropertyName("metrics");
        WriteMetrics(w, fit.Groups.Count == 1 ? fit.Groups[0].Metrics : Pooled(fit));

        w.WriteStartObject("protocol");
        w.WriteNumber("huber_delta", fit.Delta);
        w.WriteString("reduction", "sum");
        w.WriteString("optimizer", "L-BFGS (m=10, SciPy L-BFGS-B stopping rules) from every start; BFGS for the polish, the likelihood and bootstrap refits");
        w.WriteBoolean("polished", fit.Polished);
        w.WriteNumber("bootstrap_samples", fit.BootstrapSamples);
        w.WriteNumber("seed", fit.Seed);
        w.WriteNumber("confidence_level", fit.ConfidenceLevel);
        if (fit.Holdout is null) w.WriteNull("holdout"); else w.WriteString("holdout", fit.Holdout);
        w.WriteEndObject();

        w.WriteStartObject("input");
        w.WriteString("file", report.Input.File);
        w.WriteNumber("rows_read", report.Input.RowsRead);
        w.WriteNumber("rows_dropped", report.Input.RowsDropped);
        w.WriteStartObject("column_map");
        foreach (var (k, v) in report.Input.ColumnMap) w.WriteString(k, v);
        w.WriteEndObject();
        w.WriteEndObject();

        w.WriteStartArray("groups");
        foreach (var g in fit.Groups)
        {
            w.WriteStartObject();
            w.WriteString("group", g.Group);
            w.WriteBoolean("converged", g.Converged);
            w.WriteString("exit_condition", g.ExitCondition);
            w.WriteNumber("starts", g.Starts);
            w.WriteNumber("starts_converged", g.StartsConverged);
            w.WriteBoolean("degenerate", g.Degenerate);
            w.WriteNumber("bootstrap_failures", g.BootstrapFailures);
            w.WriteStartArray("warnings");
            foreach (var msg in g.Warnings) w.WriteStringValue(msg);
            w.WriteEndArray();
            w.WritePropertyName("metrics");
            WriteMetrics(w, g.Metrics);
            w.WriteStartObject("parameters");
            foreach (var p in g.Parameters) WriteEstimate(w, p);
            w.WriteEndObject();
            w.WriteEndObject();
        }
        w.WriteEndArray();

        if (report.Allocations is { } allocations)
        {
            w.WriteStartArray("allocation");
            foreach (var (group, rows) in allocations)
                foreach (var row in rows)
                {
                    w.WriteStartObject();
                    if (allocations.Count > 1) w.WriteString("group", group);
                    N(w, "compute", row.Point.Compute);
                    N(w, "params", row.Point.Params);
                    N(w, "tokens", row.Point.Tokens);
                    N(w, "tokens_per_param", row.Point.TokensPerParam);
                    N(w, "loss", row.Point.Loss);
                    Pair(w, "params_ci", row.ParamsInterval);
                    Pair(w, "tokens_ci", row.TokensInterval);
                    w.WriteEndObject();
                }
            w.WriteEndArray();
        }

        if (report.Optimum is { } opt)
        {
            w.WriteStartObject("optimum");
            w.WriteStartObject("mixture");
            foreach (var (d, v) in opt.Mixture) N(w, d, v);
            w.WriteEndObject();
            w.WriteStartObject("predicted_loss");
            foreach (var (d, v) in opt.DomainLoss) N(w, d, v);
            w.WriteEndObject();
            N(w, "aggregate_loss", opt.Aggregate);
            w.WriteEndObject();
        }

        w.WriteStartArray("residuals");
        foreach (var r in fit.Residuals)
        {
            w.WriteStartObject();
            w.WriteNumber("line", r.Line);
            w.WriteString("group", r.Group);
            foreach (var f in r.Features) N(w, f.Name, f.Value);
            N(w, "observed", r.Observed);
            N(w, "predicted", r.Predicted);
            N(w, "residual", r.Residual);
            w.WriteBoolean("held_out", r.HeldOut);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteString("mixlab_version", report.Version);
        w.WriteEndObject();
    }

    private static FitMetrics Pooled(FitResult fit)
    {
        FitMetrics Score(bool held, double objective)
        {
            var rows = fit.Residuals.Where(r => r.HeldOut == held).ToList();
            if (rows.Count == 0) return new FitMetrics(objective, null, null, 0, 0, double.NaN, double.NaN, double.NaN, null, null);
            double mean = rows.Average(r => r.Observed);
            double ssRes = rows.Sum(r => Math.Pow(r.Observed - r.Predicted, 2)), ssTot = rows.Sum(r => Math.Pow(r.Observed - mean, 2));
            return new FitMetrics(objective, null, null, rows.Count, 0, ssTot > 0 ? 1 - ssRes / ssTot : double.NaN,
                rows.Average(r => Math.Abs(r.Observed - r.Predicted)), Math.Sqrt(ssRes / rows.Count), null, null);
        }
        var train = Score(false, fit.Groups.Sum(g => g.Metrics.Objective));
        var held = Score(true, 0);
        return train with
        {
            NegativeLogLikelihood = fit.Groups.All(g => g.Metrics.NegativeLogLikelihood is not null) ? fit.Groups.Sum(g => g.Metrics.NegativeLogLikelihood!.Value) : null,
            RowsHeldOut = held.RowsFitted,
            HeldOutMeanAbsoluteError = held.RowsFitted > 0 ? held.MeanAbsoluteError : null,
            HeldOutRSquared = held.RowsFitted > 1 && double.IsFinite(held.RSquared) ? held.RSquared : null,
        };
    }

    private static void WriteMetrics(Utf8JsonWriter w, FitMetrics m)
    {
        w.WriteStartObject();
        N(w, "objective", m.Objective);
        N(w, "negative_log_likelihood", m.NegativeLogLikelihood);
        N(w, "log_sigma", m.LogSigma);
        w.WriteNumber("rows_fitted", m.RowsFitted);
        w.WriteNumber("rows_held_out", m.RowsHeldOut);
        N(w, "r2", m.RSquared);
        N(w, "mae", m.MeanAbsoluteError);
        N(w, "rmse", m.RootMeanSquaredError);
        N(w, "held_out_mae", m.HeldOutMeanAbsoluteError);
        N(w, "held_out_r2", m.HeldOutRSquared);
        w.WriteEndObject();
    }

    private static void WriteEstimate(Utf8JsonWriter w, ParameterEstimate p)
    {
        w.WriteStartObject(p.Name);
        N(w, "estimate", p.Estimate);
        N(w, "se", p.StandardError);
        Pair(w, "ci", p.Interval);
        w.WriteEndObject();
    }


}
