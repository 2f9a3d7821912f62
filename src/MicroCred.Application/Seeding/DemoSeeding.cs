namespace MicroCred.Application.Seeding;

/// <summary>
/// Whether this scope is writing the demo districts, whose made-up history must not email anyone. Asked by name, not
/// by the audit action in progress: the seed sends real commands, which open audit scopes of their own.
/// </summary>
public sealed class DemoSeeding
{
    public bool IsRunning { get; private set; }

    public IDisposable Begin()
    {
        IsRunning = true;
        return new End(this);
    }

    private sealed class End(DemoSeeding seeding) : IDisposable
    {
        public void Dispose() => seeding.IsRunning = false;
    }
}
