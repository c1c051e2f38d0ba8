namespace MixLab.Training;

/// <summary>Linear warm-up from 0 to the peak, then cosine decay to the minimum at the last step (Aioli's linear_warmup_cosine, spec §2.5 item 5).</summary>
public static class LearningRateSchedule
{
    /// <summary>Learning rate of 0-based <paramref name="step"/>.</summary>
    public static double At(long step, OptimizationOptions o)
    {
        if (o.WarmupSteps > 0 && step < o.WarmupSteps) return o.Lr * (step + 1) / o.WarmupSteps;
        long decay = Math.Max(1, o.Steps - o.WarmupSteps);
        double progress = Math.Clamp((double)(step - o.WarmupSteps) / decay, 0, 1);
        return o.MinLr + 0.5 * (o.Lr - o.MinLr) * (1 + Math.Cos(Math.PI * progress));
    }
}
