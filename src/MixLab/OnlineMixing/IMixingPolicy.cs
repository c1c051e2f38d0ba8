using System.Text.Json.Nodes;

namespace MixLab.OnlineMixing;

/// <summary>
/// A trainer-agnostic online data-mixing policy (Aioli spec §1, the LMO framework): the trainer asks <see cref="Next"/>
/// what to do (train some steps on a mixture, evaluate, ...), does it, and reports what the decision asked for through
/// <see cref="Observe"/>. Every decision must be acknowledged by exactly one <see cref="Observe"/> call; calling
/// <see cref="Next"/> again before that returns the same decision. The whole state, random-number state included,
/// round-trips through <see cref="SaveState"/> / <see cref="Restore"/>, so a resumed run continues identically.
/// </summary>
public interface IMixingPolicy
{
    /// <summary>The policy's registered name (e.g. <c>aioli</c>, <c>doremi</c>).</summary>
    string Name { get; }

    /// <summary>The data groups, in the order of every per-domain array.</summary>
    IReadOnlyList<string> Domains { get; }

    /// <summary>The policy's current mixture estimate (for DoReMi and DoGE: the current domain weights α).</summary>
    IReadOnlyList<double> Proportions { get; }

    /// <summary>Optimizer steps acknowledged so far (the sum of the <see cref="MixingDecision.Steps"/> observed).</summary>
    long Step { get; }

    /// <summary>What the policy has spent so far beyond ordinary training (spec §2.4, §7 F).</summary>
    MixingCost Cost { get; }

    /// <summary>Messages for the caller to show (non-finite losses skipped, proportions renormalised, ...), oldest first.</summary>
    IReadOnlyList<string> Warnings { get; }

    /// <summary>The next thing the trainer must do.</summary>
    MixingDecision Next();

    /// <summary>Reports the outcome of the pending decision; throws <see cref="ArgumentException"/> when something it asked for is missing.</summary>
    void Observe(MixingFeedback feedback);

    /// <summary>The complete state as JSON (policy name, domains, step, proportions, random state, method state).</summary>
    JsonObject SaveState();

    /// <summary>Restores a state written by <see cref="SaveState"/> of a policy with the same name, domains and options.</summary>
    void Restore(JsonObject state);
}
