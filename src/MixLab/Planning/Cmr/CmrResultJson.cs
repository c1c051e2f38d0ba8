using static MixLab.JsonWriting;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace MixLab.Planning.Cmr;

/// <summary>Writes a <see cref="CmrResult"/> as cmr.json (tokens in raw token counts; non-finite numbers as null).</summary>
public static class CmrResultJson
{
    /// <summary>Serialises the result (indented UTF-8 JSON).</summary>
    public static string Serialize(CmrResult r, string input, string version)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            Write(w, r, input, version);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Writes cmr.json through a temporary file and a rename.</summary>
    public static void WriteFile(string path, CmrResult r, string input, string version)
    {
        File.WriteAllText(path + ".tmp", Serialize(r, input, version) + "\n");
        File.Move(path + ".tmp", path, overwrite: true);
    }

    private static void Write(Utf8JsonWriter w, CmrResult r, string input, string version)
    {
        var o = r.Options;
        double unit = o.TokenUnit;
        w.WriteStartObject();
        w.WriteString("method", "Critical Mixture Ratio (Gu et al., arXiv 2407.17467)");
        w.WriteString("general_domain", o.GeneralDomain);
        w.WriteString("target_domain", o.TargetDomain);
        N(w, "target_tokens", r.TargetTokens);
        N(w, "cmr", r.Cmr);
        Pair(w, "interval", r.Interval);
        N(w, "confidence_level", o.ConfidenceLevel);
        w.WriteString("answer_from", r.Method);
        N(w, "largest_feasible_tried_ratio", r.LargestFeasibleTriedRatio);
        w.WriteStartObject("tolerance");
        N(w, "epsilon", o.Epsilon);
        w.WriteString("kind", o.RelativeEpsilon ? "relative" : "absolute");
        N(w, "absolute", r.ToleranceAbsolute);
        N(w, "base_general_loss", r.BaseGeneralLoss);
        w.WriteEndObject();
        if (double.IsPositiveInfinity(o.Lambda)) w.WriteString("lambda", "inf"); else N(w, "lambda", o.Lambda);
        N(w, "token_unit", unit);

        w.WriteStartArray("runs");
        foreach (var run in r.Runs)
        {
            var c = run.Curves;
            w.WriteStartObject();
            w.WriteString("run", run.Run);
            N(w, "ratio", run.Ratio);
            w.WriteStartObject("domain_fit");
            w.WriteString("formula", "dL_dom(T) = alpha1 * T^s1 + beta1");
            N(w, "alpha1", c.Alpha1); N(w, "s1", c.S1); N(w, "beta1", c.Beta1);
            N(w, "r2", run.Domain.RSquared); N(w, "mse", run.Domain.MeanSquaredError); w.WriteBoolean("converged", run.Domain.Converged);
            w.WriteEndObject();
            w.WriteStartObject("general_fit");
            w.WriteString("formula", "dL_gen(T) = alpha2 * T^s2 + alpha3 * T^s3 + beta2");
            N(w, "alpha2", c.Alpha2); N(w, "s2", c.S2); N(w, "alpha3", c.Alpha3); N(w, "s3", c.S3); N(w, "beta2", c.Beta2);
            N(w, "r2", run.General.RSquared); N(w, "mse", run.General.MeanSquaredError); w.WriteBoolean("converged", run.General.Converged);
            w.WriteEndObject();
            N(w, "t0_tokens", run.T0 * unit);
            w.WriteString("t0_kind", run.T0Kind.ToString().ToLowerInvariant());
            N(w, "peak_tokens_closed_form", run.PeakClosedForm * unit);
            N(w, "general_delta_at_target", run.GeneralDeltaAtTarget);
            w.WriteBoolean("in_tolerance", run.InTolerance);
            w.WriteBoolean("feasible", run.Feasible);
            w.WriteEndObject();
        }
        w.WriteEndArray();

        w.WriteStartArray("cmr_by_tokens");
        foreach (var g in r.Grid)
        {
            w.WriteStartObject();
            N(w, "tokens", g.Tokens * unit); N(w, "ratio", g.Ratio);
            w.WriteBoolean("censored", g.Censored); w.WriteBoolean("capped_by_t0", g.CappedByT0);
            w.WriteEndObject();
        }
        w.WriteEndArray();

        if (r.Law is { } law)
        {
            w.WriteStartObject("cmr_law");
            w.WriteString("formula", "R_CMR(T) = alpha4 * T^s4 + beta3, T in token units");
            N(w, "alpha4", law.Alpha4); N(w, "s4", law.S4); N(w, "beta3", law.Beta3);
            N(w, "token_unit", unit); N(w, "r2", r.LawRSquared);
            w.WriteEndObject();
        }
        else w.WriteNull("cmr_law");

        w.WriteStartArray("ratio_laws_at_target");
        foreach (var f in r.RatioLaws)
        {
            w.WriteStartObject();
            w.WriteString("loss", f.Loss);
            w.WriteString("formula", "L(R) = alpha * R^s + beta");
            N(w, "alpha", f.Alpha); N(w, "s", f.S); N(w, "beta", f.Beta); N(w, "r2", f.RSquared);
            w.WriteBoolean("degenerate", f.Degenerate);
            w.WriteEndObject();
        }
        w.WriteEndArray();

        w.WriteStartArray("comparisons");
        foreach (var c in r.Comparisons)
        {
            w.WriteStartObject();
            w.WriteString("method", c.Method); N(w, "ratio", c.Ratio); N(w, "at_tokens", c.AtTokens); w.WriteString("note", c.Note);
            w.WriteEndObject();
        }
        w.WriteEndArray();

        w.WriteStartArray("warnings");
        foreach (var s in r.Warnings) w.WriteStringValue(s);
        w.WriteEndArray();
        w.WriteStartObject("bootstrap");
        w.WriteNumber("samples", r.BootstrapSamples);
        w.WriteNumber("failures", r.BootstrapFailures);
        w.WriteString("kind", o.BootstrapKind.ToString().ToLowerInvariant());
        w.WriteNumber("seed", o.Seed);
        w.WriteEndObject();
        w.WriteString("input", input);
        w.WriteString("mixlab_version", version);
        w.WriteEndObject();
    }


}
