namespace CallFlow.Media.Tests;

/// <summary>Waits for a condition with a deadline, so a test that goes wrong fails instead of hanging.</summary>
internal static class Eventually
{
    public static async Task<bool> Until(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
                return false;
            await Task.Delay(10);
        }
        return true;
    }

    public static async Task<T> Within<T>(Task<T> task, TimeSpan timeout)
    {
        var finished = await Task.WhenAny(task, Task.Delay(timeout));
        Assert.True(finished == task, $"the operation did not finish within {timeout.TotalSeconds} s");
        return await task;
    }
}
