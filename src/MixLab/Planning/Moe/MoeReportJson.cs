using static MixLab.JsonWriting;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace MixLab.Planning.Moe;

/// <summary>JSON for the <c>mixlab moe</c> verbs: config inspections, EL evaluations, plans and refits.</summary>
public static class MoeReportJson
{
    /// <summary>The MixLab version written into every document (set by the program).</summary>
    public static string Version { get; set; } = "";
    /// <summary>A config's counts, ratios and FLOPs, plus compute-dependent numbers when tokens are given.</summary>
    public static string Inspect(MoeConfig c, FlopConvention convention, double? tokens, EfficiencyLeverageLaw law) => Write(w =>
    {
        WriteConfig(w, c, convention);
        if (tokens is double d)
        {
            var flops = FlopCounter.Count(c, convention);
            var counts = ParameterCounter.Count(c);
            w.WriteStartObject("training");
            N(w, "tokens", d);
            N(w, "compute_m_times_d", flops.PerToken * d);
            N(w, "compute_3x_forward", flops.TrainingPerToken * d);
            N(w, "compute_6n_active", 6.0 * counts.ActiveNonEmbedding * d);
            w.WriteString("note", "the EL paper writes C = M·D (Eq. 2) but its HP law matches Ling 2.0 Table 1 only with C = 6·N_active·D (see docs/moe.md, compute)");
            double c6 = 6.0 * counts.ActiveNonEmbedding * d;
            N(w, "learning_rate_at_6n", HyperParameterLaws.LearningRate(c6));
            N(w, "batch_tokens_at_6n", HyperParameterLaws.BatchTokens(c6));
            if (c.IsMoe) N(w, "el_at_6n", law.At(MoeRatios.Of(c).ActivationRouted, MoeRatios.Of(c).Granularity, c6));
            w.WriteStartObject("krajewski");
            w.WriteString("formula", "L(N, D, G) = c + (g / G^gamma + a) / N^alpha + b / D^beta, N = total non-embedding parameters, G = 4 d_model / d_expert");
            N(w, "loss", c.IsMoe ? KrajewskiLaw.Moe(counts.NonEmbedding, d, MoeRatios.Of(c).GranularityKrajewski) : KrajewskiLaw.Dense(counts.NonEmbedding, d));
            N(w, "dense_loss_same_active_params", KrajewskiLaw.Dense(counts.ActiveNonEmbedding, d));
            w.WriteString("note", "Krajewski et al. 2024 (Table 1) fitted 129M-3.7B parameters, 16B-130B tokens, G 1-16, E = 64");
            w.WriteEndObject();
            w.WriteEndObject();
        }
    });

    /// <summary>One EL evaluation with its pieces and the laws that go with the compute.</summary>
    public static string El(EfficiencyLeverageLaw law, double activation, double granularity, double compute, string activationReading, IReadOnlyList<string> warnings) => Write(w =>
    {
        double el = law.At(activation, granularity, compute);
        N(w, "el", el);
        N(w, "activation_ratio", activation);
        w.WriteString("activation_reading", activationReading);
        N(w, "granularity", granularity);
        N(w, "compute", compute);
        N(w, "dense_equivalent_compute", el * compute);
        N(w, "saturated_activation", law.SaturatedActivation(activation));
        N(w, "exponent", law.Exponent(granularity, compute));
        N(w, "optimal_granularity", law.OptimalGranularity);
        N(w, "decades_outside_fitted_range", EfficiencyLeverageLaw.DecadesOutsideFittedRange(compute));
        WriteLaw(w, "law", law);
        N(w, "learning_rate", HyperParameterLaws.LearningRate(compute));
        N(w, "batch_tokens", HyperParameterLaws.BatchTokens(compute));
        WriteAllocation(w, "allocation_dense", ScaleAllocationLaw.Dense(compute));
        WriteAllocation(w, "allocation_moe", ScaleAllocationLaw.Moe(compute));
        Strings(w, "warnings", warnings);
    });

    /// <summary>A plan: allocation, then the ranked configs.</summary>
    public static string Plan(MoePlan plan) => Write(w =>
    {
        N(w, "compute", plan.Options.Compute);
        WriteAllocation(w, "allocation_moe", plan.Allocation);
        WriteAllocation(w, "allocation_dense", ScaleAllocationLaw.Dense(plan.Options.Compute));
        N(w, "max_total_params", plan.Options.MaxTotalParams);
        N(w, "max_active_params", plan.Options.MaxActiveParams);
        N(w, "min_activation", plan.Options.MinActivation);
        w.WriteNumber("configs_searched", plan.Searched);
        w.WriteStartArray("candidates");
        foreach (var c in plan.Candidates)
        {
            w.WriteStartObject();
            N(w, "el", c.El);
            N(w, "dense_equivalent_compute", c.DenseEquivalentCompute);
            N(w, "tokens", c.Tokens);
            N(w, "learning_rate", c.LearningRate);
            N(w, "batch_tokens", c.BatchTokens);
            WriteConfig(w, c.Config, plan.Options.Convention);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        Strings(w, "warnings", plan.Warnings);
    });

    /// <summary>A refit: dense curve, per-run EL, fitted law beside the paper's.</summary>
    public static string Fit(ElFitResult fit, string input) => Write(w =>
    {
        w.WriteString("input", input);
        w.WriteStartObject("dense_curve");
        w.WriteString("formula", "L(C) = alpha * C^-beta");
        N(w, "alpha", fit.Dense.Alpha); N(w, "beta", fit.Dense.Beta); N(w, "r2", fit.Dense.RSquared);
        w.WriteEndObject();
        WriteLaw(w, "fitted_law", fit.Fitted);
        WriteLaw(w, "paper_law", EfficiencyLeverageLaw.Paper);
        N(w, "r2_log_el", fit.RSquaredLogEl);
        w.WriteStartObject("coefficients");
        foreach (var c in fit.Coefficients)
        {
            w.WriteStartObject(c.Name);
            N(w, "estimate", c.Estimate);
            N(w, "se", c.StandardError);
            Pair(w, "ci", c.Interval);
            w.WriteEndObject();
        }
        w.WriteEndObject();
        N(w, "held_out_relative_error", fit.HeldOutRelativeError);
        w.WriteStartArray("separable_laws");
        foreach (var f in fit.Separable)
        {
            w.WriteStartObject();
            w.WriteString("law", f.Law);
            w.WriteString("formula", f.Law switch
            {
                "activation" => "log EL = a_A log Ahat (Eq. 10)",
                "granularity" => "log EL = a_G + b_G log G (log G + c_G) (Eq. 11)",
                _ => "log EL = a_C log C + c_C (Eq. 12)",
            });
            w.WriteString("slice", f.Slice);
            foreach (var (k, v) in f.Coefficients) N(w, k, v);
            w.WriteNumber("points", f.Points);
            N(w, "r2", f.RSquared);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteBoolean("converged", fit.Converged);
        w.WriteBoolean("degenerate", fit.Degenerate);
        w.WriteStartArray("runs");
        for (int i = 0; i < fit.Points.Count; i++)
        {
            var p = fit.Points[i];
            w.WriteStartObject();
            w.WriteString("run", p.Run); w.WriteNumber("line", p.Line);
            N(w, "compute", p.Compute); N(w, "loss", p.Loss); N(w, "activation_ratio", p.Activation); N(w, "granularity", p.Granularity);
            N(w, "dense_compute", p.DenseCompute); N(w, "el", p.El);
            N(w, "el_fitted_law", fit.Fitted.At(p.Activation, p.Granularity, p.Compute));
            N(w, "el_paper_law", EfficiencyLeverageLaw.Paper.At(p.Activation, p.Granularity, p.Compute));
            w.WriteBoolean("extrapolated", p.Extrapolated);
            w.WriteBoolean("held_out", fit.HeldOut.Count > 0 && fit.HeldOut[i]);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        Strings(w, "warnings", fit.Warnings);
    });

    private static void WriteConfig(Utf8JsonWriter w, MoeConfig c, FlopConvention convention)
    {
        var counts = ParameterCounter.Count(c);
        var flops = FlopCounter.Count(c, convention);
        var ratios = MoeRatios.Of(c);
        w.WriteString("name", c.Name);
        w.WriteStartObject("config");
        w.WriteNumber("layers", c.Layers); w.WriteNumber("d_model", c.DModel); w.WriteNumber("heads", c.Heads); w.WriteNumber("kv_heads", c.KvHeads);
        w.WriteNumber("head_dim", c.EffectiveHeadDim); w.WriteNumber("d_ffn", c.FfnSize); w.WriteNumber("vocab", c.Vocab); w.WriteNumber("context", c.Context);
        w.WriteNumber("experts", c.Experts); w.WriteNumber("active_experts", c.ActiveExperts); w.WriteNumber("shared_experts", c.SharedExperts);
        w.WriteNumber("d_expert", c.ExpertSize); w.WriteNumber("dense_layers", c.DenseLayers); w.WriteBoolean("tied_embeddings", c.TiedEmbeddings);
        w.WriteEndObject();
        w.WriteNumber("total_params", counts.Total);
        w.WriteNumber("active_params", counts.Active);
        w.WriteNumber("non_embedding_params", counts.NonEmbedding);
        w.WriteNumber("active_non_embedding_params", counts.ActiveNonEmbedding);
        w.WriteNumber("embedding_params", counts.Embedding);
        w.WriteStartObject("activation_ratio");
        N(w, "routed", ratios.ActivationRouted);
        N(w, "stated_formula", ratios.ActivationStated);
        N(w, "with_shared", ratios.ActivationWithShared);
        w.WriteString("note", "routed = E_a/E (the EL fits and the 3.1 % headline); stated_formula = (E_a+E_s)/(E+E_s) (paper §2.1); with_shared = (E_a+E_s)/E (the HP study's 7.8 %)");
        w.WriteEndObject();
        N(w, "sharing_ratio", ratios.Sharing);
        w.WriteStartObject("granularity");
        N(w, "el_paper", ratios.Granularity);
        N(w, "krajewski", ratios.GranularityKrajewski);
        w.WriteString("note", "el_paper = 2 d_model / d_expert; krajewski = 4 d_model / d_expert (Krajewski et al. define G = d_ff / d_expert with d_ff = 4 d_model)");
        w.WriteEndObject();
        w.WriteStartObject("flops_per_token");
        w.WriteString("convention", FlopConventionNames.Of(convention));
        N(w, "attention", flops.Attention); N(w, "ffn", flops.Ffn); N(w, "model_scale_m", flops.PerToken);
        N(w, "training", flops.TrainingPerToken); N(w, "logits", flops.Logits); N(w, "attention_share", flops.AttentionShare);
        w.WriteEndObject();
    }

    private static void WriteLaw(Utf8JsonWriter w, string name, EfficiencyLeverageLaw law)
    {
        w.WriteStartObject(name);
        w.WriteString("formula", "EL = Ahat^(a + d log C + gamma (log G)^2 + beta log G)");
        N(w, "a", law.A); N(w, "d", law.D); N(w, "gamma", law.Gamma); N(w, "beta", law.Beta); N(w, "a_start", law.AStart); N(w, "a_max", law.AMax);
        N(w, "compute_log_base", law.ComputeLogBase); N(w, "granularity_log_base", law.GranularityLogBase);
        w.WriteEndObject();
    }

    private static void WriteAllocation(Utf8JsonWriter w, string name, ScaleAllocation a)
    {
        w.WriteStartObject(name);
        N(w, "model_scale_m", a.ModelScale); N(w, "tokens", a.Tokens);
        w.WriteEndObject();
    }

    private static void Strings(Utf8JsonWriter w, string name, IEnumerable<string> items)
    {
        w.WriteStartArray(name);
        foreach (var s in items) w.WriteStringValue(s);
        w.WriteEndArray();
    }


    /// <summary>Writes one JSON object: the body's properties, then the version.</summary>
    private static string Write(Action<Utf8JsonWriter> body)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            body(w);
            w.WriteString("mixlab_version", Version);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
