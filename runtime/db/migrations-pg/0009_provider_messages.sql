CREATE TABLE "provider_messages" (
	"connector" text NOT NULL,
	"provider_id" text NOT NULL,
	"outbox_id" bigint NOT NULL,
	"at" text NOT NULL,
	CONSTRAINT "provider_messages_connector_provider_id_pk" PRIMARY KEY("connector","provider_id")
);
--> statement-breakpoint
ALTER TABLE "provider_messages" ADD CONSTRAINT "provider_messages_outbox_id_outbox_id_fk" FOREIGN KEY ("outbox_id") REFERENCES "public"."outbox"("id") ON DELETE no action ON UPDATE no action;