namespace ClaimTracker.Web.Data;

/// <summary>The engine this app runs on, for the few things that differ beyond SQL (backups, the change notifier).</summary>
public sealed record DatabaseChoice(DatabaseEngine Engine);
