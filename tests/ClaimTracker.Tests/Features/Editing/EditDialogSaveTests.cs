using System.Reflection;
using ClaimTracker.Web.Data;
using ClaimTracker.Web.Features.Accounts;
using ClaimTracker.Web.Features.Editing;
using MudBlazor;

namespace ClaimTracker.Tests.Features.Editing;

/// <summary>The one answer every edit dialog gives to each outcome of a save.</summary>
public sealed class EditDialogSaveTests
{
    private sealed record Stored(string Text);

    /// <summary>A dialog instance that records what was asked of it (whatever members MudBlazor's interface has).</summary>
    public class DialogRecorder : DispatchProxy
    {
        public List<(string Method, object?[] Args)> Calls { get; } = [];

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            Calls.Add((targetMethod!.Name, args ?? []));
            return targetMethod.ReturnType == typeof(Task) ? Task.CompletedTask : null;
        }
    }

    private static (IMudDialogInstance Dialog, DialogRecorder Recorder) NewDialog()
    {
        var dialog = DispatchProxy.Create<IMudDialogInstance, DialogRecorder>();
        return (dialog, (DialogRecorder)(object)dialog);
    }

    [Fact]
    public async Task Saved_closes_the_dialog_with_the_stored_record()
    {
        var (dialog, recorder) = NewDialog();
        var save = new EditDialogSave();

        await save.RunAsync(dialog, "claim", () => Task.FromResult(EditResult<Stored>.Saved(new Stored("now"))), _ => Assert.Fail("no conflict"));

        var close = Assert.Single(recorder.Calls, c => c.Method == nameof(IMudDialogInstance.Close) && c.Args.Length == 1);
        Assert.Equal(new Stored("now"), Assert.IsType<DialogResult>(close.Args[0]).Data);
        Assert.False(save.Busy);
        Assert.Null(save.Message);
    }

    [Fact]
    public async Task Invalid_keeps_the_dialog_open_with_a_message_beside_each_field_until_the_editor_changes_one()
    {
        var (dialog, recorder) = NewDialog();
        var save = new EditDialogSave();

        await save.RunAsync(dialog, "claim", () => Task.FromResult(EditResult<Stored>.Invalid("Text", "The claim's text is required.")), _ => { });

        Assert.DoesNotContain(recorder.Calls, c => c.Method == nameof(IMudDialogInstance.Close));
        Assert.Equal("The claim's text is required.", save.ErrorFor("Text"));
        Assert.Null(save.ErrorFor("Topics"));
        save.ClearErrors();
        Assert.Null(save.ErrorFor("Text"));
    }

    [Fact]
    public async Task A_conflict_hands_the_other_editors_version_to_the_dialog()
    {
        var (dialog, recorder) = NewDialog();
        var save = new EditDialogSave();
        Stored? theirs = null;

        await save.RunAsync(dialog, "claim", () => Task.FromResult(EditResult<Stored>.Conflict(new Stored("theirs"))), v => theirs = v);

        Assert.Equal(new Stored("theirs"), theirs);
        Assert.DoesNotContain(recorder.Calls, c => c.Method == nameof(IMudDialogInstance.Close));
        Assert.Contains(recorder.Calls, c => c.Method == nameof(IMudDialogInstance.StateHasChanged));
    }

    [Fact]
    public async Task A_record_gone_or_a_right_withdrawn_is_said_in_the_form()
    {
        var (dialog, _) = NewDialog();
        var save = new EditDialogSave();

        await save.RunAsync(dialog, "actor", () => Task.FromResult(EditResult<Stored>.Missing()), _ => { });
        Assert.Equal("This actor no longer exists.", save.Message);

        await save.RunAsync<Stored>(dialog, "actor", () => throw new AccessDeniedException(Permission.EditRecord, signedIn: true), _ => { });
        Assert.Equal("Your role does not allow this (EditRecord).", save.Message);
        Assert.False(save.Busy);
    }
}
