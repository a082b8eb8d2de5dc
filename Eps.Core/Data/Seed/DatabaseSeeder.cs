using Eps.Core.Accounts;
using Eps.Core.Drugs;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Eps.Core.Data.Seed;

/// <summary>Adds reference data (roles, catalogue) always, and demo pharmacies and users when asked. Idempotent.</summary>
public sealed class DatabaseSeeder(
    EpsDbContext db, UserManager<EpsUser> users, RoleManager<IdentityRole> roles, ILogger<DatabaseSeeder> logger)
{
    public async Task SeedReferenceDataAsync(CancellationToken cancellationToken)
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                Ensure(await roles.CreateAsync(new IdentityRole(role)), role);
            }
        }

        var known = await db.Drugs.Select(d => d.GenericName).ToHashSetAsync(cancellationToken);
        db.Drugs.AddRange(DrugCatalogue.All.Where(d => !known.Contains(d.GenericName)).Select(d => new Drug
        {
            GenericName = d.GenericName, Strengths = d.Strengths, Form = d.Form, Category = d.Category,
            Schedule = d.Schedule, RiskLevel = d.RiskLevel,
        }));
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task SeedDemoDataAsync(CancellationToken cancellationToken)
    {
        var codes = await db.Pharmacies.Select(p => p.Code).ToHashSetAsync(cancellationToken);
        foreach (var p in DemoData.Pharmacies.Where(p => !codes.Contains(p.Code)))
        {
            db.Pharmacies.Add(new()
            {
                Code = p.Code, Name = p.Name, Address = p.Address, City = p.City, Postcode = p.Postcode,
                Phone = p.Phone, Email = p.Email,
            });
        }

        await db.SaveChangesAsync(cancellationToken);
        var pharmacies = await db.Pharmacies.ToDictionaryAsync(p => p.Code, p => p.Id, cancellationToken);

        foreach (var demo in DemoData.Users)
        {
            if (await users.FindByEmailAsync(demo.Email) is not null)
            {
                continue;
            }

            var user = new EpsUser
            {
                UserName = demo.Email, Email = demo.Email, EmailConfirmed = true, FullName = demo.FullName, IsDemo = true,
            };
            Ensure(await users.CreateAsync(user, DemoData.Password), demo.Email);
            Ensure(await users.AddToRoleAsync(user, demo.Role), demo.Email);
            AddProfile(user, demo, pharmacies);
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Seeded a demo {Role} account", demo.Role);
        }
    }

    private void AddProfile(EpsUser user, DemoUser demo, Dictionary<string, int> pharmacies)
    {
        int? pharmacyId = demo.PharmacyCode is null ? null : pharmacies[demo.PharmacyCode];
        switch (demo.Role)
        {
            case Roles.Patient:
                db.Patients.Add(new PatientProfile
                {
                    UserId = user.Id, Hpn = demo.Hpn!, Email = demo.Email, Phone = "+234 809 000 0001",
                    DefaultPharmacyId = pharmacyId,
                });
                break;
            case Roles.Doctor:
                db.Doctors.Add(new DoctorProfile
                {
                    UserId = user.Id, RegistrationNumber = "MDCN/R/48213", Specialty = "General practice",
                });
                break;
            case Roles.Pharmacist:
                db.Pharmacists.Add(new PharmacistProfile
                {
                    UserId = user.Id, PharmacyId = pharmacyId!.Value, LicenceNumber = "PCN/" + demo.PharmacyCode![^6..],
                });
                break;
        }
    }

    private static void Ensure(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(
                $"Seeding {what} failed: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }
    }
}
