using ClaimTracker.Web.Data;
using ClaimTracker.Web.Features.Live;
using ClaimTracker.Web.Features.Serving;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace ClaimTracker.Web.Features.Verdicts;

public partial class VerdictPanel
{
    private IDisposable? _subscription;
    private int _subscribedClaimId;

    /// <summary>The verdict version the open form started from: the concurrency check of its save.</summary>
    private Guid? _formBaseVersion;

    [Parameter, EditorRequired] public int ClaimId { get; set; }

    [Inject] private VerdictReader Verdicts { get; set; } = null!;
    [Inject] private VerdictWorkflow Workflow { get; set; } = null!;
    [Inject] private ClaimReviewService Reviews { get; set; } = null!;
    [Inject] private IClaimChangeNotifier Notifier { get; set; } = null!;
    [Inject] private PublicBaseUrl Site { get; set; } = null!;

    private VerdictPanelData? Data { get; set; }
    private string? ClaimReviewJson { get; set; }
    private VerdictInput? Form { get; set; }
    private Dictionary<string, string> Errors { get; set; } = [];
    private VerdictView? Conflict { get; set; }
    private string? Message { get; set; }
    private Severity MessageSeverity { get; set; } = Severity.Info;
    private bool Busy { get; set; }
    private bool Disabled => Busy || !RendererInfo.IsInteractive;

    protected override async Task OnParametersSetAsync()
    {
        if (_subscribedClaimId != ClaimId)
        {
            _subscription?.Dispose();
            _subscription = null;
            Form = null;
            Message = null;
        }
        await LoadAsync();
        // Only the live circuit listens; a prerender lasts one request.
        if (RendererInfo.IsInteractive && _subscription is null)
        {
            _subscribedClaimId = ClaimId;
            _subscription = Notifier.Subscribe(ClaimId, OnClaimChangedAsync);
        }
    }

    private Task OnClaimChangedAsync(ClaimChange change) =>
        change.Kind == ClaimChangeKind.Verdict
            ? InvokeAsync(async () =>
            {
                await LoadAsync();
                StateHasChanged();
            })
            : Task.CompletedTask;

    private async Task LoadAsync()
    {
        Data = await Verdicts.GetPanelAsync(ClaimId);
        var review = Data?.Verdict is { IsDraft: false } ? await Reviews.GetAsync(ClaimId, Site.Root) : null;
        ClaimReviewJson = review is null ? null : ClaimReviewService.Serialize(review);
    }

    private void OpenForm()
    {
        Form = Data?.Verdict is { } v ? VerdictInput.From(v) : new VerdictInput();
        _formBaseVersion = Data?.Verdict?.Version;
        Errors = [];
        Conflict = null;
        Message = null;
    }

    private void CloseForm()
    {
        Form = null;
        Conflict = null;
        Errors = [];
    }

    private Task StartReviewAsync() => RunAsync(() => Workflow.StartReviewAsync(ClaimId), "The claim is in review.");

    private Task PublishAsync() => Data?.Verdict is { } v
        ? RunAsync(() => Workflow.PublishAsync(ClaimId, v.Version), "The verdict is published.")
        : Task.CompletedTask;

    private Task ReopenAsync() => Data?.Verdict is { } v
        ? RunAsync(() => Workflow.ReopenAsync(ClaimId, v.Version), "The claim is back in review; the verdict is a draft again.")
        : Task.CompletedTask;

    private async Task SaveDraftAsync()
    {
        if (Form is null)
        {
            return;
        }
        Errors = new Dictionary<string, string>(VerdictValidation.Validate(Form));
        if (Errors.Count > 0)
        {
            return;
        }
        await RunAsync(() => Workflow.SaveDraftAsync(ClaimId, Form, _formBaseVersion), "The draft is saved.");
    }

    /// <summary>After a conflict, the editor has read the other version and chooses to save theirs over it.</summary>
    private async Task OverwriteAsync()
    {
        _formBaseVersion = Conflict?.Version;
        Conflict = null;
        await SaveDraftAsync();
    }

    private async Task RunAsync(Func<Task<EditResult<VerdictView>>> action, string success)
    {
        if (Busy)
        {
            return;
        }
        Busy = true;
        try
        {
            var result = await action();
            switch (result.Outcome)
            {
                case EditOutcome.Saved:
                    Form = null;
                    Conflict = null;
                    Errors = [];
                    (Message, MessageSeverity) = (success, Severity.Success);
                    break;
                case EditOutcome.Invalid:
                    Errors = new Dictionary<string, string>(result.FieldErrors);
                    (Message, MessageSeverity) = (result.Message, Severity.Error);
                    break;
                case EditOutcome.Conflict:
                    Conflict = result.Value;
                    (Message, MessageSeverity) = (result.Message, Severity.Warning);
                    break;
                default:
                    (Message, MessageSeverity) = (result.Message, Severity.Error);
                    break;
            }
            await LoadAsync();
        }
        catch (Accounts.AccessDeniedException denied)
        {
            (Message, MessageSeverity) = (denied.Message, Severity.Error);
        }
        finally
        {
            Busy = false;
        }
    }

    public void Dispose() => _subscription?.Dispose();
}
