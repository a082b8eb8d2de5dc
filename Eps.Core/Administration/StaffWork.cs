using Eps.Core.Accounts;
using Eps.Core.Audit;
using Eps.Core.Data;
using Eps.Core.Prescribing;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Eps.Core.Administration;

/// <summary>
/// One staff change as one unit of work: Identity's user manager and the audit trail write through the same context
/// (Identity's stores take the scope's context), inside one transaction, so a change and its audit entry commit together.
/// A failed step rolls the whole change back.
/// </summary>
internal sealed class StaffWork(IServiceScopeFactory scopes, AuditTrail audit, TimeProvider time)
{
    /// <summary>Runs <paramref name="work"/> in a transaction; anything but success rolls it back.</summary>
    public async Task<T> RunAsync<T>(Func<StaffChange, CancellationToken, Task<T>> work, Func<T, bool> succeeded, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EpsDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<EpsUser>>();
        return await db.InTransactionAsync(async ct =>
        {
            var result = await work(new StaffChange(db, users, audit, time), ct);
            if (!succeeded(result) && db.Database.CurrentTransaction is not null)
            {
                await db.Database.RollbackTransactionAsync(ct);
            }

            return result;
        }, cancellationToken);
    }

    /// <summary>As <see cref="RunAsync{T}"/> on the user with <paramref name="userId"/>, refused for anyone but an admin.</summary>
    public Task<CommandResult> OnUserAsync(Actor admin, string userId, Func<StaffChange, EpsUser, CancellationToken, Task<CommandResult>> work,
        CancellationToken cancellationToken)
    {
        if (!admin.IsAdmin)
        {
            return Task.FromResult(CommandResult.Fail("Only an administrator can manage staff accounts."));
        }

        if (string.IsNullOrEmpty(userId) || userId.Length > 450)
        {
            return Task.FromResult(NoSuchUser);
        }

        return RunAsync(async (change, ct) => await change.Users.FindByIdAsync(userId) is { } user
            ? await work(change, user, ct)
            : NoSuchUser, r => r.Succeeded, cancellationToken);
    }

    public static readonly CommandResult NoSuchUser = CommandResult.Fail("There is no such account. The list has been refreshed.");
}

/// <summary>The context, user manager and audit trail of one staff change.</summary>
internal sealed class StaffChange(EpsDbContext db, UserManager<EpsUser> users, AuditTrail audit, TimeProvider time)
{
    public EpsDbContext Db => db;
    public UserManager<EpsUser> Users => users;

    /// <summary>What the audit entry records of a user, before and after a change.</summary>
    public async Task<object> StateAsync(string userId, CancellationToken cancellationToken)
    {
        var row = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => new
        {
            u.Email, u.FullName, u.LockoutEnd, u.TwoFactorEnabled,
            Roles = db.UserRoles.Where(ur => ur.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).ToList(),
            Pharmacy = u.Pharmacist!.Pharmacy.Code,
            u.Doctor!.RegistrationNumber,
        }).SingleAsync(cancellationToken);
        return new
        {
            email = row.Email, full_name = row.FullName, roles = StaffDirectory.Ordered(row.Roles), pharmacy = row.Pharmacy,
            registration_number = row.RegistrationNumber, locked = row.LockoutEnd > time.GetUtcNow(), two_factor = row.TwoFactorEnabled,
        };
    }

    /// <summary>Saves the change, then appends its audit entry with the state before and after.</summary>
    public async Task AuditAsync(string kind, string? actorUserId, string userId, object? before, CancellationToken cancellationToken,
        object? extra = null)
    {
        await db.SaveChangesAsync(cancellationToken);
        var after = await StateAsync(userId, cancellationToken);
        await audit.AppendAsync(db, kind, actorUserId, userId, new { before, after, extra }, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Runs Identity steps in order; the first failure, or null when all succeeded.</summary>
    public static async Task<IdentityResult?> StepsAsync(params Func<Task<IdentityResult>>[] steps)
    {
        foreach (var step in steps)
        {
            if (await step() is { Succeeded: false } failed)
            {
                return failed;
            }
        }

        return null;
    }

    /// <summary>A failed Identity result as a command result; the unit of work then rolls back.</summary>
    public static CommandResult Failed(IdentityResult result) =>
        CommandResult.Fail(string.Join(" ", result.Errors.Select(e => e.Description)) is { Length: > 0 } why ? why : "The account was not changed.");
}
