using System.Text.Json.Nodes;

namespace MixLab.OnlineMixing;

/// <summary>
/// Aioli (Chen et al., arXiv 2411.05735), Algorithm 1 with LearnParams (spec §2.1–2.2). Each round of
/// <see cref="AioliOptions.UpdateSteps"/> steps: one validation pass, then m·k LearnParams intervals of
/// <see cref="AioliOptions.LpSteps"/> steps on the perturbed mixtures p_{t,j} in k random permutations, each followed by a
/// validation pass; β[:, j] accumulates the loss drops, A = P⁻¹(β/k), Ā = normalize(A), p^t ∝ p^{t−1}·exp(η·colsum Ā)
/// (or, with EMA, p ∝ exp(η·colsum E^t)); the rest of the round trains on p^t. All LearnParams steps count inside the round.
/// A non-finite validation loss ends the round's sweep: the remaining steps train on the kept proportions.
/// </summary>
public sealed class AioliPolicy : MixingPolicyBase
{
    private enum Phase { Prior, RoundStart, Sweep, Main }

    private readonly AioliOptions _o;
    private readonly double[]? _prior;
    private Phase _phase;
    private int _round, _interval, _stepsInRound;
    private int[] _order = [];
    private double[][] _beta;
    private double[] _lprev;
    private double[][]? _ema;

    /// <summary>Checks the options against the domains (round length must exceed m·k·lp_steps).</summary>
    public AioliPolicy(IReadOnlyList<string> domains, AioliOptions? options = null) : base(MixingPolicies.Aioli, domains, (options ??= new()).Seed, minDomains: 2)
    {
        _o = options;
        OneHotFactor = _o.OneHotFactor ?? LearnParams.OneHotFactor(_o.Epsilon, M);
        if (!double.IsFinite(_o.Eta)) throw new ArgumentException($"aioli: eta must be finite, got {_o.Eta}");
        if (_o.LpRounds < 1 || _o.LpSteps < 1) throw new ArgumentException($"aioli: lp_rounds ({_o.LpRounds}) and lp_steps ({_o.LpSteps}) must be ≥ 1");
        if (!(OneHotFactor > 1.0 / M && OneHotFactor <= 1))
            throw new ArgumentException($"aioli: one-hot factor {OneHotFactor:G4} must be in (1/m, 1] (epsilon in [0, 1))");
        if (_o.Ema is double g && !(g >= 0 && g < 1)) throw new ArgumentException($"aioli: ema must be in [0, 1), got {g}");
        if (SweepSteps >= _o.UpdateSteps)
            throw new ArgumentException($"aioli: update_steps {_o.UpdateSteps} must exceed the LearnParams steps per round m·k·lp_steps = {SweepSteps}");
        if (_o.PriorSteps < 0) throw new ArgumentException($"aioli: prior_steps must be ≥ 0, got {_o.PriorSteps}");
        if (_o.Prior is not null)
        {
            var w = new List<string>();
            _prior = MixingMath.FromMap(Domains, _o.Prior, "aioli prior", w);
            foreach (var m in w) Warn(m);
        }
        _phase = _prior is not null && _o.PriorSteps > 0 ? Phase.Prior : Phase.RoundStart;
        _beta = NewMatrix();
        _lprev = new double[M];
    }

    /// <summary>1 − ε + ε/m, the weight of group j in p_{t,j}.</summary>
    public double OneHotFactor { get; }

    /// <summary>LearnParams training steps per round: m·k·lp_steps.</summary>
    public int SweepSteps => M * _o.LpRounds * _o.LpSteps;

    /// <summary>Validation passes per round: m·k + 1 (spec §2.4).</summary>
    public int ValidationPassesPerRound => M * _o.LpRounds + 1;

    /// <summary>Rounds started so far (0-based index of the current round).</summary>
    public int Round => _round;

    /// <summary>The last learned A^t (before normalisation) and Ā^t; null before the first complete sweep.</summary>
    public double[][]? LastA { get; private set; }

    /// <inheritdoc cref="LastA"/>
    public double[][]? LastNormalizedA { get; private set; }

    protected override string ExtraRuns => "0";

    private double[][] NewMatrix() => Enumerable.Range(0, M).Select(_ => new double[M]).ToArray();

    protected override MixingDecision Decide() => _phase switch
    {
        Phase.Prior => new(MixingDecisionKind.Train, _prior!, _o.PriorSteps, MixingFeedbackKind.None, Note: "aioli prior"),
        Phase.RoundStart => new(MixingDecisionKind.Evaluate, Current, 0, MixingFeedbackKind.ValidationLosses, Note: $"aioli round {_round}: validation before LearnParams"),
        Phase.Sweep => new(MixingDecisionKind.Perturb, LearnParams.PerturbedMixture(M, _order[_interval], OneHotFactor), _o.LpSteps,
            MixingFeedbackKind.ValidationLosses, Note: $"aioli round {_round} interval {_interval + 1}/{_order.Length}: perturbed toward {Domains[_order[_interval]]}"),
        _ => new(MixingDecisionKind.Train, Current, _o.UpdateSteps - _stepsInRound, MixingFeedbackKind.None, Note: $"aioli round {_round}: training"),
    };

    protected override void Apply(MixingDecision decision, MixingFeedback f)
    {
        switch (_phase)
        {
            case Phase.Prior:
                Current = MixingMath.Uniform(M); // Algorithm 1 step 2: EGD restarts from uniform after the prior phase
                _phase = Phase.RoundStart;
                break;
            case Phase.RoundStart:
                if (!MixingMath.AllFinite(f.ValidationLosses!))
                {
                    SkipUpdate($"round {_round}: non-finite validation loss ({NonFinite(f.ValidationLosses!)})");
                    _phase = Phase.Main;
                    break;
                }
                _lprev = (double[])f.ValidationLosses!.Clone();
                _order = LearnParams.SweepOrder(M, _o.LpRounds, Random);
                _beta = NewMatrix();
                _interval = 0;
                _phase = Phase.Sweep;
                break;
            case Phase.Sweep:
                _stepsInRound += decision.Steps;
                var l = f.ValidationLosses!;
                if (!MixingMath.AllFinite(l))
                {
                    SkipUpdate($"round {_round}: non-finite validation loss in LearnParams ({NonFinite(l)}); sweep abandoned");
                    _phase = Phase.Main;
                    break;
                }
                int j = _order[_interval];
                for (int i = 0; i < M; i++) _beta[i][j] += _lprev[i] - l[i];
                _lprev = (double[])l.Clone();
                if (++_interval == _order.Length) { Update(); _phase = Phase.Main; }
                break;
            case Phase.Main:
                _round++;
                _stepsInRound = 0;
                _phase = Phase.RoundStart;
                break;
        }
    }

    private void Update()
    {
        var beta = _beta.Select(r => r.Select(v => v / _o.LpRounds).ToArray()).ToArray();
        var a = LearnParams.Solve(beta, OneHotFactor, _o.Diagonal);
        var abar = _o.NormalizeA ? MixingMath.NormalizeA(a) : a;
        LastA = a;
        LastNormalizedA = abar;
        if (_o.Ema is double gamma)
        {
            _ema = _ema is null ? abar : abar.Select((r, i) => r.Select((v, k) => (1 - gamma) * v + gamma * _ema[i][k]).ToArray()).ToArray();
            var c = MixingMath.ColumnSums(_ema);
            Current = MixingMath.Softmax(c.Select(x => _o.Eta * x).ToArray());
        }
        else Current = MixingMath.ExponentiatedGradient(Current, MixingMath.ColumnSums(abar), _o.Eta);
        CountUpdate();
    }

    protected override void SaveMethodState(JsonObject s)
    {
        s["phase"] = _phase.ToString();
        s["round"] = _round;
        s["interval"] = _interval;
        s["steps_in_round"] = _stepsInRound;
        s["order"] = new JsonArray([.. _order.Select(x => (JsonNode?)JsonValue.Create(x))]);
        s["beta"] = JsonState.Matrix(_beta);
        s["l_prev"] = JsonState.Vector(_lprev);
        s["ema"] = JsonState.Matrix(_ema);
        s["last_a"] = JsonState.Matrix(LastA);
        s["last_normalized_a"] = JsonState.Matrix(LastNormalizedA);
    }

    protected override void RestoreMethodState(JsonObject s)
    {
        _phase = Enum.Parse<Phase>(JsonState.Read<string>(s, "phase"));
        _round = JsonState.Read<int>(s, "round");
        _interval = JsonState.Read<int>(s, "interval");
        _stepsInRound = JsonState.Read<int>(s, "steps_in_round");
        _order = (s["order"] as JsonArray)?.Select(n => n!.GetValue<int>()).ToArray() ?? throw new ArgumentException("policy state: 'order' is missing");
        _beta = JsonState.ReadMatrix(s["beta"], "beta") ?? NewMatrix();
        _lprev = JsonState.ReadVector(s["l_prev"], "l_prev");
        _ema = JsonState.ReadMatrix(s["ema"], "ema");
        LastA = JsonState.ReadMatrix(s["last_a"], "last_a");
        LastNormalizedA = JsonState.ReadMatrix(s["last_normalized_a"], "last_normalized_a");
    }
}
