using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DaysOfClusters.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class MatchmakingCompletion : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "MeetingFeedback",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RequestId = table.Column<int>(type: "INTEGER", nullable: false),
                    EditionId = table.Column<int>(type: "INTEGER", nullable: false),
                    RegistrationId = table.Column<int>(type: "INTEGER", nullable: false),
                    Happened = table.Column<bool>(type: "INTEGER", nullable: false),
                    Usefulness = table.Column<int>(type: "INTEGER", nullable: true),
                    FollowUp = table.Column<int>(type: "INTEGER", nullable: false),
                    Comment = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    SubmittedUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MeetingFeedback", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MeetingFeedback_MeetingRequest_RequestId",
                        column: x => x.RequestId,
                        principalTable: "MeetingRequest",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_MeetingFeedback_Registrations_RegistrationId",
                        column: x => x.RegistrationId,
                        principalTable: "Registrations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_MeetingFeedback_EditionId",
                table: "MeetingFeedback",
                column: "EditionId");

            migrationBuilder.CreateIndex(
                name: "IX_MeetingFeedback_RegistrationId",
                table: "MeetingFeedback",
                column: "RegistrationId");

            migrationBuilder.CreateIndex(
                name: "IX_MeetingFeedback_RequestId_RegistrationId",
                table: "MeetingFeedback",
                columns: new[] { "RequestId", "RegistrationId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "MeetingFeedback");
        }
    }
}
