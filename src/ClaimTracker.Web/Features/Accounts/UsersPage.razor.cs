using System.Security.Claims;
using ClaimTracker.Web.Data;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace ClaimTracker.Web.Features.Accounts;

public partial class UsersPage
{
    [Inject] private UserAdminService Admin { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [CascadingParameter] private Task<AuthenticationState>? AuthState { get; set; }

    private IReadOnlyList<UserRow>? rows;
    private EditResult<string> lastResult = EditResult<string>.Saved(null);
    private string? rowError;
    private bool busy;
    private string? newEmail, newName, newPassword, newRole = Roles.Journalist;
    private string? myId;
    private string? historyOf;
    private IReadOnlyList<AccountHistoryLine>? history;

    protected override async Task OnInitializedAsync()
    {
        if (AuthState is not null)
        {
            myId = (await AuthState).User.FindFirstValue(ClaimTypes.NameIdentifier);
        }
        rows = await Admin.ListAsync();
    }

    private bool HasError(string field) => lastResult.FieldErrors.ContainsKey(field);
    private string? ErrorOf(string field) => lastResult.FieldErrors.GetValueOrDefault(field);

    // In the admin's own time zone (ReaderClock), as every time on the pages is.
    private string StatusOf(UserRow row) =>
        !row.IsActive ? $"Deactivated {Clock.Format(row.DeactivatedAt!.Value)}{(row.DeactivatedBy is null ? "" : " by " + row.DeactivatedBy)}"
        : row.LockedUntil is { } until ? $"Locked until {Clock.Format(until)} (wrong passwords)"
        : "Active";

    private async Task CreateAsync()
    {
        busy = true;
        try
        {
            lastResult = await Admin.CreateAsync(newEmail, newName, newPassword, newRole);
            if (lastResult.Succeeded)
            {
                newEmail = newName = newPassword = null;
                rows = await Admin.ListAsync();
            }
        }
        finally
        {
            busy = false;
        }
    }

    private Task SetRoleAsync(UserRow row, string role) => ApplyAsync(row, () => Admin.SetRoleAsync(row.Id, role));

    private async Task DeactivateAsync(UserRow row)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync($"Deactivate {row.DisplayName}?",
            $"{row.Email} can no longer sign in, and any pages they have open sign out within a minute. Their notes and history stay. You can reactivate the account at any time.",
            yesText: "Deactivate", cancelText: "Cancel");
        if (confirmed == true)
        {
            await ApplyAsync(row, () => Admin.DeactivateAsync(row.Id));
        }
    }

    private Task ReactivateAsync(UserRow row) => ApplyAsync(row, () => Admin.ReactivateAsync(row.Id));

    private Task UnlockAsync(UserRow row) => ApplyAsync(row, () => Admin.UnlockAsync(row.Id));

    private async Task ApplyAsync(UserRow row, Func<Task<EditResult<string>>> change)
    {
        busy = true;
        try
        {
            var result = await change();
            rowError = result.Succeeded ? null : $"{row.Email}: {string.Join(" ", result.FieldErrors.Values)}";
            rows = await Admin.ListAsync();
            if (historyOf == row.Id)
            {
                history = await Admin.HistoryAsync(row.Id);
            }
        }
        finally
        {
            busy = false;
        }
    }

    private async Task ToggleHistoryAsync(UserRow row)
    {
        if (historyOf == row.Id)
        {
            historyOf = null;
            return;
        }
        historyOf = row.Id;
        history = null;
        history = await Admin.HistoryAsync(row.Id);
    }
}
