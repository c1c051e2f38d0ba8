using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using MixLab.OnlineMixing;
using MixLab.Training.Data;
using MixLab.Training.Model;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MixLab.Training;

/// <summary>
/// The training loop that carries out an <see cref="IMixingPolicy"/>'s decisions (Aioli spec §1, §3): Train and Perturb
/// decisions train their steps on batches whose domains follow the decision's proportions through the seeded
/// <see cref="StratifiedSampler"/>; Evaluate decisions and any requested feedback get per-domain validation losses,
/// per-domain training losses, reference-model losses (DoReMi) or gradient alignments (DoGE). AdamW with warm-up and
/// cosine decay, global gradient clipping; a non-finite loss or gradient skips that update with a warning. Writes
/// <c>runlog.csv</c>, <c>proportions.csv</c>, <c>summary.json</c> and a resumable checkpoint into the output folder.
/// </summary>
public sealed class Trainer : IDisposable
{
    private readonly TrainConfig _config;
    private readonly string _outDir, _hash;
    private readonly TrainerOptions _options;
    private readonly List<string> _warnings = [];
    private GptModel? _model, _reference;
    private AdamW? _optimizer;

    /// <summary>Prepares a run of <paramref name="config"/> writing into <paramref name="outDir"/>.</summary>
    public Trainer(TrainConfig config, string outDir, TrainerOptions? options = null)
    {
        TrainingRuntime.Initialize();
        _config = config;
        _outDir = outDir;
        _options = options ?? new TrainerOptions();
        _hash = TrainConfigLoader.Hash(config);
    }

    /// <summary>The config hash a checkpoint must carry to be resumed.</summary>
    public string ConfigHash => _hash;

    /// <summary>Trains to the step budget (or resumes and continues) and writes the outputs.</summary>
    public TrainResult Run(CancellationToken cancel = default)
    {
        var c = _config;
        var t = c.Training;
        TrainingRuntime.SetThreads(t.Threads);
        Directory.CreateDirectory(_outDir);

        CheckpointState? resume = null;
        string? resumeDir = null;
        if (_options.Resume)
        {
            resumeDir = TrainCheckpoint.Find(_outDir) ?? throw new TrainingConfigException($"--resume: no checkpoint in {_outDir} (expected {Path.Combine(_outDir, TrainCheckpoint.FolderName)})");
            resume = TrainCheckpoint.ReadState(resumeDir);
            if (resume.ConfigHash != _hash)
                throw new TrainingConfigException($"--resume: the checkpoint in {resumeDir} was written by a different config (hash {resume.ConfigHash}, this config {_hash}; run {resume.Run}, policy {resume.Policy}); use the same config, policy and seed, or another --out");
        }
        else if (TrainCheckpoint.Find(_outDir) is { } existing)
            Warn($"{existing} exists and --resume was not given: starting a new run; the old checkpoint is replaced at the first save");

        var tokenizer = TextTokenizers.Create(c.Data.Tokenizer);
        var corpus = DomainCorpus.Load(c.Data, tokenizer, c.Model.Context, c.Seed, cancel);
        var domains = corpus.Domains.ToArray();
        int m = domains.Length, batch = t.BatchSize, window = corpus.WindowLength;
        if (resume is not null && !resume.Domains.SequenceEqual(domains))
            throw new TrainingConfigException($"--resume: the checkpoint's domains ({string.Join(", ", resume.Domains)}) differ from the data's ({string.Join(", ", domains)})");

        IMixingPolicy policy;
        try { policy = MixingPolicies.Create(c.Mixing.Policy, domains, TrainConfigLoader.PolicyOptions(c)); }
        catch (ArgumentException e) { throw new TrainingConfigException($"mixing.{c.Mixing.Policy}: {e.Message}", e); }

        torch.manual_seed(unchecked((long)c.Seed));
        _model = new GptModel(c.Model, tokenizer.VocabSize);
        _optimizer = CreateOptimizer(_model, t);
        if (c.Mixing.ReferenceCheckpoint is { } refDir) _reference = LoadReference(refDir, tokenizer, c.Model.Context);

        long step = 0, tokens = 0, decisionIndex = 0, skipped = 0;
        int stepsIntoDecision = 0;
        var domainTokens = new long[m];
        var lossSum = new double[m]; var lossCount = new int[m]; var refSum = new double[m];
        var dataRandom = new PolicyRandom(c.Seed ^ 0xDA7A5A3B1E5EEDUL);
        var rows = new List<RunLogRow>();
        var propRows = new List<ProportionRow>();
        long resumedFrom = 0;
        if (resume is not null)
        {
            _model.load(Path.Combine(resumeDir!, TrainCheckpoint.ModelFile));
            _optimizer.load_state_dict(Path.Combine(resumeDir!, TrainCheckpoint.OptimizerFile));
            try { policy.Restore(resume.PolicyState); }
            catch (ArgumentException e) { throw new TrainingConfigException($"--resume: {resumeDir}: {e.Message}", e); }
            step = resumedFrom = resume.Step; tokens = resume.Tokens; decisionIndex = resume.DecisionIndex; stepsIntoDecision = resume.StepsIntoDecision;
            domainTokens = resume.DomainTokens; lossSum = resume.TrainLossSum; lossCount = resume.TrainLossCount; refSum = resume.ReferenceLossSum;
            dataRandom.State = ulong.Parse(resume.DataRandom, CultureInfo.InvariantCulture);
            rows = resume.Rows; propRows = resume.ProportionRows; skipped = resume.SkippedSteps;
            _warnings.AddRange(resume.Warnings);
        }
        else
        {
            propRows.Add(new ProportionRow(0, [.. policy.Proportions]));
            if (t.InitFrom is { } from) InitialiseFrom(_model, from, tokenizer, c.Model);
        }

        long parameters = _model.ParameterCount, active = _model.ActiveParameterCount;
        double flopsPerToken = _model.FlopsPerToken;
        int experts = c.Model.Moe?.Experts ?? 0;
        int policyWarningsSeen = resume is null ? 0 : policy.Warnings.Count; // a resumed run already carries the earlier warnings
        var seenSamplerWarnings = new HashSet<string>(StringComparer.Ordinal);
        (long Step, double[] Losses)? lastEval = null;
        double lastTrain = double.NaN;
        bool checkpointDue = false;
        var clock = Stopwatch.StartNew();
        long tokensAtStart = tokens, stepsThisProcess = 0;
        string runlogPath = Path.Combine(_outDir, "runlog.csv"), propPath = Path.Combine(_outDir, "proportions.csv");

        double[] Validation()
        {
            if (lastEval is { } e && e.Step == step) return e.Losses;
            var losses = Evaluate(corpus.Validation, batch);
            lastEval = (step, losses);
            return losses;
        }

        void LogEval()
        {
            var losses = Validation();
            if (rows.Count > 0 && rows[^1].Step == step) return;
            var mix = policy.Proportions.ToArray();
            for (int j = 0; j < m; j++) rows.Add(new RunLogRow(step, tokens, domains[j], losses[j], mix, flopsPerToken * tokens));
            WriteLogs();
        }

        void WriteLogs()
        {
            RunLogWriter.WriteRunLog(runlogPath, c.Run!, parameters, active, experts, domains, rows);
            RunLogWriter.WriteProportions(propPath, domains, propRows);
        }

        void DrainPolicyWarnings()
        {
            for (; policyWarningsSeen < policy.Warnings.Count; policyWarningsSeen++) Warn(policy.Warnings[policyWarningsSeen]);
        }

        void SaveCheckpoint()
        {
            var state = new CheckpointState
            {
                ConfigHash = _hash, Run = c.Run!, Policy = policy.Name, Domains = domains, Model = c.Model, Tokenizer = tokenizer.Name, VocabSize = tokenizer.VocabSize,
                Step = step, Tokens = tokens, DomainTokens = domainTokens, DecisionIndex = decisionIndex, StepsIntoDecision = stepsIntoDecision,
                TrainLossSum = lossSum, TrainLossCount = lossCount, ReferenceLossSum = refSum,
                DataRandom = dataRandom.State.ToString(CultureInfo.InvariantCulture), PolicyState = policy.SaveState(),
                Rows = rows, ProportionRows = propRows, SkippedSteps = skipped, Warnings = [.. _warnings],
            };
            TrainCheckpoint.Save(_outDir, state, dir =>
            {
                _model.save(Path.Combine(dir, TrainCheckpoint.ModelFile));
                _optimizer.save_state_dict(Path.Combine(dir, TrainCheckpoint.OptimizerFile));
            });
            WriteLogs();
            checkpointDue = false;
        }

        void AfterObserve()
        {
            DrainPolicyWarnings();
            var p = policy.Proportions.ToArray();
            if (!propRows[^1].Proportions.SequenceEqual(p))
            {
                if (propRows[^1].Step == step) propRows[^1] = new ProportionRow(step, p);
                else propRows.Add(new ProportionRow(step, p));
            }
        }

        var tokenBuffer = new long[batch * window];
        while (step < t.Steps)
        {
            cancel.ThrowIfCancellationRequested();
            var d = policy.Next();
            if (d.Steps <= 0 || d.Kind == MixingDecisionKind.Evaluate)
            {
                var fb = new MixingFeedback { ValidationLosses = d.Feedback.HasFlag(MixingFeedbackKind.ValidationLosses) ? Validation() : null };
                ObserveOrFail(policy, fb);
                decisionIndex++;
                AfterObserve();
                if (checkpointDue) SaveCheckpoint();
                continue;
            }
            var schedule = StratifiedSampler.Schedule(d.Proportions, d.Steps, batch, Mix(c.Seed, (ulong)decisionIndex), domains);
            foreach (var w in schedule.Warnings) if (seenSamplerWarnings.Add(w)) Warn(w);
            bool wantTrainLosses = d.Feedback.HasFlag(MixingFeedbackKind.TrainingLosses);
            bool wantReference = d.Feedback.HasFlag(MixingFeedbackKind.ReferenceLosses);
            bool wantAlignment = d.Feedback.HasFlag(MixingFeedbackKind.GradientAlignment);
            double[]? alignment = null, norms = null; bool[]? present = null; double lr = 0;
            while (stepsIntoDecision < d.Steps && step < t.Steps)
            {
                cancel.ThrowIfCancellationRequested();
                if (checkpointDue) SaveCheckpoint();
                if (_options.StopAfterSteps is long stop && stepsThisProcess >= stop) return Partial();
                var slots = schedule.Batches[stepsIntoDecision];
                for (int i = 0; i < batch; i++) corpus.SampleWindow(slots[i], dataRandom, tokenBuffer.AsSpan(i * window, window));
                lr = LearningRateSchedule.At(step, t);
                var outcome = TrainStep(tokenBuffer, slots, m, window, lr, d.LossWeights, wantReference, wantAlignment, corpus, step);
                lastTrain = outcome.Loss;
                for (int j = 0; j < m; j++)
                {
                    if (outcome.DomainCounts[j] == 0) continue;
                    lossSum[j] += outcome.DomainLosses[j]; lossCount[j]++;
                    if (wantReference) refSum[j] += outcome.ReferenceLosses![j];
                }
                if (wantAlignment) { alignment = outcome.Alignment; norms = outcome.GradientNorms; present = outcome.DomainCounts.Select(n => n > 0).ToArray(); }
                if (outcome.Skipped) { skipped++; Warn($"step {step + 1}: {outcome.SkipReason}; update skipped, proportions kept"); }
                foreach (var s in slots) domainTokens[s] += window - 1;
                tokens += (long)batch * (window - 1);
                stepsIntoDecision++; step++; stepsThisProcess++;
                if (step % t.EvalInterval == 0 || step == t.Steps) LogEval();
                if (t.CheckpointInterval > 0 && step % t.CheckpointInterval == 0 && step < t.Steps) checkpointDue = true;
                double elapsed = clock.Elapsed.TotalSeconds;
                _options.Progress?.Report(new TrainProgress(step, t.Steps, tokens, elapsed > 0 ? (tokens - tokensAtStart) / elapsed : 0, lastTrain,
                    lastEval is { } le ? le.Losses.Average() : null, policy.Proportions));
            }
            if (stepsIntoDecision < d.Steps) break; // the budget ends inside this decision
            var feedback = new MixingFeedback
            {
                ValidationLosses = d.Feedback.HasFlag(MixingFeedbackKind.ValidationLosses) ? Validation() : null,
                TrainingLosses = wantTrainLosses || wantReference ? Means(lossSum, lossCount) : null,
                ReferenceLosses = wantReference ? Means(refSum, lossCount) : null,
                Present = wantTrainLosses || wantReference ? lossCount.Select(n => n > 0).ToArray() : present,
                GradientAlignment = wantAlignment ? alignment : null,
                GradientNorms = wantAlignment ? norms : null,
                LearningRate = wantAlignment ? lr : null,
            };
            ObserveOrFail(policy, feedback);
            decisionIndex++; stepsIntoDecision = 0;
            Array.Clear(lossSum); Array.Clear(lossCount); Array.Clear(refSum);
            AfterObserve();
        }

        LogEval();
        if (propRows[^1].Step != step) propRows.Add(new ProportionRow(step, [.. policy.Proportions]));
        var ckpt = Path.Combine(_outDir, TrainCheckpoint.FolderName);
        SaveCheckpoint();
        var finalVal = Validation();
        var test = Evaluate(corpus.Test, batch);
        var noTest = domains.Where((_, j) => double.IsNaN(test[j])).ToArray();
        if (noTest.Length > 0) Warn($"no test sequences for {string.Join(", ", noTest)} (data.test_fraction too small for the context): no test loss reported");
        var summaries = domains.Select((dn, j) => new DomainSummary(dn, domainTokens[j], policy.Proportions[j], finalVal[j],
            double.IsNaN(test[j]) ? null : test[j])).ToArray();
        double secs = clock.Elapsed.TotalSeconds;
        var result = new TrainResult(c.Run!, policy.Name, step, tokens, parameters, active, secs, secs > 0 ? (tokens - tokensAtStart) / secs : 0,
            summaries, [.. _warnings], skipped, policy.Cost, runlogPath, propPath, ckpt, resumedFrom);
        RunLogWriter.WriteAtomic(Path.Combine(_outDir, "summary.json"), JsonSerializer.Serialize(new
        {
            result.Run, result.Policy, result.Steps, result.Tokens, result.Parameters, result.ActiveParameters, result.Seconds, result.TokensPerSecond,
            config_hash = _hash, result.SkippedSteps, result.Cost, result.Domains, result.Warnings, data = corpus.Stats,
            config = JsonDocument.Parse(TrainConfigLoader.ToJson(c)).RootElement,
        }, new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = true }) + "\n");
        return result;

        TrainResult Partial() => new(c.Run!, policy.Name, step, tokens, parameters, active, clock.Elapsed.TotalSeconds, 0, [], [.. _warnings], skipped, policy.Cost,
            runlogPath, propPath, Path.Combine(_outDir, TrainCheckpoint.FolderName), resumedFrom);
    }

    private void ObserveOrFail(IMixingPolicy policy, MixingFeedback feedback)
    {
        try { policy.Observe(feedback); }
        catch (ArgumentException e) { throw new InvalidOperationException($"trainer gave the {policy.Name} policy incomplete feedback: {e.Message}", e); }
    }

    private void Warn(string message)
    {
        _warnings.Add(message);
        _options.Warn?.Invoke(message);
    }

    private static ulong Mix(ulong seed, ulong index)
    {
        var r = new PolicyRandom(seed ^ (index * 0x9E3779B97F4A7C15UL) ^ 0x5CEDUL);
        return r.NextUInt64();
    }

    private static double[] Means(double[] sum, int[] count) => sum.Select((s, j) => count[j] > 0 ? s / count[j] : double.NaN).ToArray();

    private static AdamW CreateOptimizer(GptModel model, OptimizationOptions t)
    {
        var decay = new List<Parameter>();
        var noDecay = new List<Parameter>();
        foreach (var (name, p) in model.named_parameters())
            (p.dim() >= 2 && !name.Contains("wpe", StringComparison.Ordinal) ? decay : noDecay).Add(p);
        var groups = new List<AdamW.ParamGroup>
        {
            new(decay, t.Lr, t.Beta1, t.Beta2, t.Eps, t.WeightDecay, false, false),
            new(noDecay, t.Lr, t.Beta1, t.Beta2, t.Eps, 0.0, false, false),
        };
        return torch.optim.AdamW(groups, t.Lr, t.Beta1, t.Beta2, t.Eps, t.WeightDecay, false, false);
    }

    /// <summary>Loads only the weights of another run's checkpoint (continual pre-training); the shapes must agree.</summary>
    private static void InitialiseFrom(GptModel model, string dir, ITextTokenizer tokenizer, ModelOptions shape)
    {
        var folder = TrainCheckpoint.Find(dir) ?? (File.Exists(Path.Combine(dir, TrainCheckpoint.StateFile)) ? dir : null)
            ?? throw new TrainingConfigException($"training.init_from: no checkpoint in {dir}");
        var state = TrainCheckpoint.ReadState(folder);
        if (state.Tokenizer != tokenizer.Name || state.VocabSize != tokenizer.VocabSize)
            throw new TrainingConfigException($"training.init_from: {folder} uses tokenizer {state.Tokenizer}; this run uses {tokenizer.Name}");
        var a = JsonSerializer.Serialize(state.Model);
        var b = JsonSerializer.Serialize(shape);
        if (a != b)
            throw new TrainingConfigException($"training.init_from: {folder} has another model shape ({a}); this run's model section is {b}");
        model.load(Path.Combine(folder, TrainCheckpoint.ModelFile));
    }

    private static GptModel LoadReference(string dir, ITextTokenizer tokenizer, int context)
    {
        var folder = TrainCheckpoint.Find(dir) ?? (File.Exists(Path.Combine(dir, TrainCheckpoint.StateFile)) ? dir : null)
            ?? throw new TrainingConfigException($"mixing.reference_checkpoint: no checkpoint in {dir}");
        var state = TrainCheckpoint.ReadState(folder);
        if (state.Tokenizer != tokenizer.Name || state.Model.Context != context)
            throw new TrainingConfigException($"mixing.reference_checkpoint: {folder} uses tokenizer {state.Tokenizer} and context {state.Model.Context}; this run uses {tokenizer.Name} and {context}");
        var model = new GptModel(state.Model, state.VocabSize);
        model.load(Path.Combine(folder, TrainCheckpoint.ModelFile));
        model.eval();
        return model;
    }

    private sealed record StepOutcome(double Loss, double[] DomainLosses, int[] DomainCounts, double[]? ReferenceLosses, double[]? Alignment, double[]? GradientNorms, bool Skipped, string? SkipReason);

    private StepOutcome TrainStep(long[] buffer, int[] slots, int m, int window, double lr, IReadOnlyList<double>? lossWeights,
        bool wantReference, bool wantAlignment, DomainCorpus corpus, long step)
    {
        var model = _model!;
        var opt = _optimizer!;
        int b = slots.Length;
        using var scope = torch.NewDisposeScope();
        foreach (var g in opt.ParamGroups) g.LearningRate = lr;
        model.train();
        var tokensT = torch.tensor(buffer, [b, window], ScalarType.Int64);
        var (perSeq, aux) = model.SequenceLosses(tokensT);
        var counts = new int[m];
        foreach (var s in slots) counts[s]++;
        var seqValues = perSeq.detach().data<float>().ToArray();
        var domainLosses = new double[m];
        for (int i = 0; i < b; i++) domainLosses[slots[i]] += seqValues[i] / counts[slots[i]];

        // Σ_j w_j·mean_j / Σ_present w_j when the decision weights the domains (DoReMi, DoGE), else the plain batch mean.
        var coef = new float[b];
        if (lossWeights is null) Array.Fill(coef, 1f / b);
        else
        {
            double wsum = 0;
            for (int j = 0; j < m; j++) if (counts[j] > 0) wsum += lossWeights[j];
            for (int i = 0; i < b; i++) coef[i] = wsum > 0 ? (float)(lossWeights[slots[i]] / wsum / counts[slots[i]]) : 1f / b;
        }
        var ce = (perSeq * torch.tensor(coef)).sum();
        double auxCoef = model.Options.Moe?.AuxLossCoef ?? 0;
        var loss = auxCoef > 0 ? ce + aux * auxCoef : ce;
        double lossValue = loss.item<float>();
        if (_options.InjectNonFiniteLoss?.Invoke(step) == true) { lossValue = double.NaN; Array.Fill(domainLosses, double.NaN); }

        double[]? reference = null;
        if (wantReference && _reference is not null)
        {
            using var _ = torch.no_grad();
            var (refSeq, _) = _reference.SequenceLosses(tokensT);
            var rv = refSeq.data<float>().ToArray();
            reference = new double[m];
            for (int i = 0; i < b; i++) reference[slots[i]] += rv[i] / counts[slots[i]];
        }
        if (!double.IsFinite(lossValue))
            return new StepOutcome(lossValue, domainLosses, counts, reference, wantAlignment ? new double[m] : null, wantAlignment ? new double[m] : null, true, $"non-finite training loss ({lossValue})");

        double[]? alignment = null, norms = null;
        var parameters = model.parameters().ToArray();
        if (wantAlignment)
        {
            alignment = new double[m]; norms = new double[m];
            var valGrad = ValidationGradient(model, corpus, parameters, Math.Max(1, (b + m - 1) / m));
            for (int j = 0; j < m; j++)
            {
                if (counts[j] == 0) continue;
                var mask = new float[b];
                for (int i = 0; i < b; i++) if (slots[i] == j) mask[i] = 1f / counts[j];
                var lj = (perSeq * torch.tensor(mask)).sum();
                var gj = ClippedFlatGradient(lj, parameters, retain: true);
                alignment[j] = gj.dot(valGrad).item<float>();
                norms[j] = gj.norm().item<float>();
            }
        }

        opt.zero_grad();
        loss.backward();
        double gradNorm = _config.Training.GradClip > 0
            ? nn.utils.clip_grad_norm_(parameters, _config.Training.GradClip)
            : GradNorm(parameters);
        if (!double.IsFinite(gradNorm))
        {
            opt.zero_grad();
            return new StepOutcome(lossValue, domainLosses, counts, reference, alignment, norms, true, $"non-finite gradient norm ({gradNorm})");
        }
        opt.step();
        return new StepOutcome(lossValue, domainLosses, counts, reference, alignment, norms, false, null);
    }

    private static double GradNorm(Parameter[] parameters)
    {
        double s = 0;
        foreach (var p in parameters) if (p.grad is { } g) { var n = g.norm().item<float>(); s += (double)n * n; }
        return Math.Sqrt(s);
    }

    /// <summary>The flattened gradient of <paramref name="loss"/>, scaled to norm ≤ 1 (DoGE clips both gradients so, spec §1.4).</summary>
    private static Tensor ClippedFlatGradient(Tensor loss, Parameter[] parameters, bool retain)
    {
        var grads = torch.autograd.grad([loss], parameters, null, retain, false, true);
        var flat = torch.cat(grads.Select((g, i) => (g is null || g.IsInvalid ? torch.zeros_like(parameters[i]) : g).flatten()).ToList(), 0);
        double norm = flat.norm().item<float>();
        return norm > 1 ? flat / norm : flat;
    }

    private static Tensor ValidationGradient(GptModel model, DomainCorpus corpus, Parameter[] parameters, int perDomain)
    {
        Tensor? total = null;
        int m = corpus.Domains.Count;
        for (int j = 0; j < m; j++)
        {
            var windows = corpus.Validation[j].Take(perDomain).ToArray();
            var data = windows.SelectMany(w => w.Select(x => (long)x)).ToArray();
            var (seq, _) = model.SequenceLosses(torch.tensor(data, [windows.Length, corpus.WindowLength], ScalarType.Int64));
            var lj = seq.mean() / m;
            total = total is null ? lj : total + lj;
        }
        return ClippedFlatGradient(total!, parameters, retain: false);
    }

    /// <summary>Per-domain mean of the per-sequence losses over fixed windows (spec §3 "Per-group evaluation loss").</summary>
    private double[] Evaluate(int[][][] sets, int batch)
    {
        var model = _model!;
        model.eval();
        try
        {
            using var _ = torch.no_grad();
            var result = new double[sets.Length];
            for (int j = 0; j < sets.Length; j++)
            {
                var windows = sets[j];
                if (windows.Length == 0) { result[j] = double.NaN; continue; }
                double sum = 0;
                for (int start = 0; start < windows.Length; start += batch)
                {
                    using var scope = torch.NewDisposeScope();
                    int n = Math.Min(batch, windows.Length - start), w = windows[0].Length;
                    var data = new long[n * w];
                    for (int i = 0; i < n; i++) for (int k = 0; k < w; k++) data[i * w + k] = windows[start + i][k];
                    var (seq, _) = model.SequenceLosses(torch.tensor(data, [n, w], ScalarType.Int64));
                    sum += seq.sum().item<float>();
                }
                result[j] = sum / windows.Length;
            }
            return result;
        }
        finally { model.train(); }
    }

    public void Dispose()
    {
        _optimizer?.Dispose();
        _model?.Dispose();
        _reference?.Dispose();
    }
}
