using System.Text.Json.Nodes;

namespace MixLab.OnlineMixing;

/// <summary>
/// Shared machinery of the policies: domain checks, the pending-decision protocol of <see cref="IMixingPolicy"/>, feedback
/// checks, cost counters, warnings and the common part of the saved state. A subclass decides (<see cref="Decide"/>,
/// a pure function of its state) and updates its state from feedback (<see cref="Apply"/>).
/// </summary>
public abstract class MixingPolicyBase : IMixingPolicy
{
    private readonly string[] _domains;
    private readonly List<string> _warnings = [];
    private MixingDecision? _pending;
    private long _step, _perturbation, _validation, _reference, _gradient, _updates, _skipped;

    /// <summary>Checks the domains (at least one, non-blank, unique) and seeds the random generator.</summary>
    protected MixingPolicyBase(string name, IReadOnlyList<string> domains, ulong seed, int minDomains = 1)
    {
        Name = name;
        if (domains is null || domains.Count < minDomains)
            throw new ArgumentException($"{name}: needs at least {minDomains} domain(s), got {domains?.Count ?? 0}");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var d in domains)
        {
            if (string.IsNullOrWhiteSpace(d)) throw new ArgumentException($"{name}: a domain name is empty");
            if (!seen.Add(d)) throw new ArgumentException($"{name}: domain '{d}' is listed twice");
        }
        _domains = [.. domains];
        Random = new PolicyRandom(seed);
        Current = MixingMath.Uniform(_domains.Length);
    }

    public string Name { get; }
    public IReadOnlyList<string> Domains => _domains;
    public IReadOnlyList<double> Proportions => Current;
    public long Step => _step;
    public IReadOnlyList<string> Warnings => _warnings;

    public MixingCost Cost => new(_step, _perturbation, _validation, _reference, _gradient, _updates, _skipped, ExtraRuns);

    /// <summary>Table 2's "# extra runs" for the method.</summary>
    protected abstract string ExtraRuns { get; }

    /// <summary>Number of domains m.</summary>
    protected int M => _domains.Length;

    /// <summary>The current proportions (subclasses replace the array; never mutate a published one).</summary>
    protected double[] Current { get; set; }

    /// <summary>The policy's random generator; its state is saved.</summary>
    protected PolicyRandom Random { get; }

    public MixingDecision Next() => _pending ??= Decide();

    public void Observe(MixingFeedback feedback)
    {
        ArgumentNullException.ThrowIfNull(feedback);
        var d = _pending ?? throw new InvalidOperationException($"{Name}: Observe was called with no pending decision; call Next first");
        CheckFeedback(d, feedback);
        _step += d.Steps;
        if (d.Kind == MixingDecisionKind.Perturb) _perturbation += d.Steps;
        if (d.Feedback.HasFlag(MixingFeedbackKind.ValidationLosses)) _validation++;
        if (d.Feedback.HasFlag(MixingFeedbackKind.ReferenceLosses)) _reference += d.Steps;
        if (d.Feedback.HasFlag(MixingFeedbackKind.GradientAlignment)) _gradient += d.Steps;
        _pending = null;
        Apply(d, feedback);
    }

    /// <summary>The next decision from the current state; must not change the state.</summary>
    protected abstract MixingDecision Decide();

    /// <summary>Updates the state from the feedback on decision <paramref name="decision"/> (already checked for presence and length).</summary>
    protected abstract void Apply(MixingDecision decision, MixingFeedback feedback);

    /// <summary>Writes the method-specific state.</summary>
    protected abstract void SaveMethodState(JsonObject state);

    /// <summary>Reads the method-specific state.</summary>
    protected abstract void RestoreMethodState(JsonObject state);

    /// <summary>Adds a warning for the caller.</summary>
    protected void Warn(string message) => _warnings.Add($"{Name} step {_step}: {message}");

    /// <summary>Adds warnings collected by a helper.</summary>
    protected void AddWarnings(IEnumerable<string> messages) => _warnings.AddRange(messages);

    /// <summary>Counts an applied update.</summary>
    protected void CountUpdate() => _updates++;

    /// <summary>Counts a skipped update and warns why.</summary>
    protected void SkipUpdate(string why) { _skipped++; Warn(why + "; update skipped, proportions kept"); }

    /// <summary>Names the non-finite entries of a per-domain array, e.g. "arxiv=NaN".</summary>
    protected string NonFinite(double[] values) =>
        string.Join(", ", values.Select((v, j) => (v, j)).Where(x => !double.IsFinite(x.v)).Select(x => $"{_domains[x.j]}={x.v}"));

    public JsonObject SaveState()
    {
        var o = new JsonObject
        {
            ["policy"] = Name,
            ["domains"] = new JsonArray([.. _domains.Select(d => (JsonNode?)JsonValue.Create(d))]),
            ["step"] = _step,
            ["proportions"] = JsonState.Vector(Current),
            ["random_state"] = Random.State.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["cost"] = new JsonArray(_perturbation, _validation, _reference, _gradient, _updates, _skipped),
        };
        var method = new JsonObject();
        SaveMethodState(method);
        o["state"] = method;
        return o;
    }

    public void Restore(JsonObject state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var name = JsonState.Read<string>(state, "policy");
        if (name != Name) throw new ArgumentException($"policy state is for '{name}', not '{Name}'");
        var domains = (state["domains"] as JsonArray)?.Select(n => n!.GetValue<string>()).ToArray() ?? [];
        if (!domains.SequenceEqual(_domains))
            throw new ArgumentException($"policy state has domains ({string.Join(", ", domains)}), this policy ({string.Join(", ", _domains)})");
        var p = JsonState.ReadVector(state["proportions"], "proportions");
        if (p.Length != M) throw new ArgumentException("policy state: 'proportions' has the wrong length");
        var cost = JsonState.ReadVector(state["cost"], "cost");
        if (cost.Length != 6) throw new ArgumentException("policy state: 'cost' must have 6 entries");
        var method = state["state"] as JsonObject ?? throw new ArgumentException("policy state: 'state' is missing");
        RestoreMethodState(method);
        _step = JsonState.Read<long>(state, "step");
        Current = p;
        Random.State = ulong.Parse(JsonState.Read<string>(state, "random_state"), System.Globalization.CultureInfo.InvariantCulture);
        (_perturbation, _validation, _reference, _gradient, _updates, _skipped) = ((long)cost[0], (long)cost[1], (long)cost[2], (long)cost[3], (long)cost[4], (long)cost[5]);
        _pending = null;
    }

    private void CheckFeedback(MixingDecision d, MixingFeedback f)
    {
        void Need(double[]? v, string field)
        {
            if (v is null) throw new ArgumentException($"{Name}: the decision asked for {field}, but the feedback has none");
            if (v.Length != M) throw new ArgumentException($"{Name}: {field} has {v.Length} values for {M} domains");
        }
        if (d.Feedback.HasFlag(MixingFeedbackKind.ValidationLosses)) Need(f.ValidationLosses, "validation_losses");
        if (d.Feedback.HasFlag(MixingFeedbackKind.TrainingLosses)) Need(f.TrainingLosses, "training_losses");
        if (d.Feedback.HasFlag(MixingFeedbackKind.ReferenceLosses)) Need(f.ReferenceLosses, "reference_losses");
        if (f.Present is not null && f.Present.Length != M) throw new ArgumentException($"{Name}: present has {f.Present.Length} values for {M} domains");
        if (d.Feedback.HasFlag(MixingFeedbackKind.GradientAlignment))
        {
            if (f.GradientAlignment is null && f.GradientProducts is null)
                throw new ArgumentException($"{Name}: the decision asked for gradient_alignment or gradient_products, but the feedback has neither");
            if (f.GradientAlignment is not null) Need(f.GradientAlignment, "gradient_alignment");
            if (f.GradientProducts is not null && (f.GradientProducts.Length != M || f.GradientProducts.Any(r => r is null || r.Length != M)))
                throw new ArgumentException($"{Name}: gradient_products must be {M}×{M}");
            Need(f.GradientNorms, "gradient_norms");
            if (f.LearningRate is null) throw new ArgumentException($"{Name}: the decision asked for the learning_rate, but the feedback has none");
        }
    }
}
