namespace RealtimeConv.App.Run;

/// <summary>
/// Hands the images of one <c>rtconv run</c> to its workers and gives the outcomes back in input order, so the
/// console, tally and report read the same whatever the number of workers and whichever finishes first.
/// </summary>
internal static class RunBatch
{
    /// <summary>
    /// Processes <paramref name="images"/> with <paramref name="workers"/> (one image per worker at a time) and calls
    /// <paramref name="apply"/> on the calling thread for each outcome, in input order, as soon as it and every
    /// earlier one are ready. Once <paramref name="cancel"/> is signalled no image is started; images already started
    /// finish (their files are written atomically) and are applied. Returns how many images were never started.
    /// An exception thrown by a worker (a shader that fails to compile) stops new images and is rethrown here.
    /// </summary>
    public static int ProcessAll(IReadOnlyList<RunWorker> workers, IReadOnlyList<RunInput> images, CancellationToken cancel, Action<ImageOutcome> apply)
    {
        if (workers.Count == 1)
        {
            for (int i = 0; i < images.Count; i++)
            {
                if (cancel.IsCancellationRequested) return images.Count - i;
                apply(workers[0].Process(images[i]));
            }
            return 0;
        }

        // slot i completes with image i's outcome, or with null when the image was never started.
        var slots = images.Select(_ => new TaskCompletionSource<ImageOutcome?>()).ToArray();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        int next = -1;
        var threads = workers.Select(worker => new Thread(() =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < slots.Length)
            {
                if (stop.IsCancellationRequested)
                {
                    slots[i].SetResult(null);
                    continue;
                }
                try
                {
                    slots[i].SetResult(worker.Process(images[i]));
                }
                catch (Exception e)
                {
                    stop.Cancel();
                    slots[i].SetException(e);
                }
            }
        }) { IsBackground = true, Name = "rtconv run worker" }).ToArray();
        foreach (var thread in threads) thread.Start();
        try
        {
            int notStarted = 0;
            foreach (var slot in slots)
            {
                if (slot.Task.GetAwaiter().GetResult() is ImageOutcome outcome) apply(outcome);
                else notStarted++;
            }
            return notStarted;
        }
        finally
        {
            stop.Cancel();
            foreach (var thread in threads) thread.Join();
        }
    }
}
