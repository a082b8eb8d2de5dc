using Eps.Core.Data;
using Eps.Core.Prescribing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Eps.Tests.Infrastructure;

/// <summary>Creates approved, signed prescriptions the way approval does, for tests that start at the pharmacy.</summary>
public static class Scenario
{
    public const string Lagos = "PHB-PH-100101";
    public const string Abuja = "PHB-PH-200202";

    public static async Task<Prescription> IssueAsync(
        IServiceProvider services, string drug = "Amoxicillin", string pharmacyCode = Lagos,
        string patientEmail = "patient@eps.test", int quantity = 21)
    {
        var db = await services.GetRequiredService<IDbContextFactory<EpsDbContext>>().CreateDbContextAsync();
        await using (db)
        {
            var patient = await db.Patients.Include(p => p.User).SingleAsync(p => p.User.Email == patientEmail);
            var doctor = await db.Doctors.FirstAsync();
            var pharmacy = await db.Pharmacies.SingleAsync(p => p.Code == pharmacyCode);
            var medicine = await db.Drugs.SingleAsync(d => d.GenericName == drug);
            var strength = medicine.StrengthList.First();

            var request = new PrescriptionRequest
            {
                Reference = "REQ-" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant(),
                PatientId = patient.Id, PharmacyId = pharmacy.Id, Status = RequestStatus.Approved, Reason = "Repeat",
                SubmittedAt = DateTime.UtcNow, ReviewedByDoctorId = doctor.Id, ReviewedAt = DateTime.UtcNow,
                Items = [new PrescriptionRequestItem { DrugId = medicine.Id, Strength = strength, Form = medicine.Form, QuantityRequested = quantity, Approved = true, ApprovedQuantity = quantity }],
            };
            db.PrescriptionRequests.Add(request);
            await db.SaveChangesAsync();

            var issuer = services.GetRequiredService<PrescriptionIssuer>();
            var prescription = await issuer.IssueAsync(db, new IssueItem(
                patient.Id, patient.Hpn, doctor.Id, pharmacy.Id, pharmacy.Code, request.Id, request.Items[0].Id, medicine.Id,
                medicine.GenericName, strength, medicine.Form, "Take one three times a day", "Three times daily", quantity, 0, "Repeat"),
                CancellationToken.None);
            await db.SaveChangesAsync();
            return prescription;
        }
    }
}
