import { SaveBar } from "@shopify/app-bridge-react";
import { Box, Button, InlineStack, Text } from "@shopify/polaris";
import { useEffect } from "react";
import { useEmbedded } from "./host";

interface Props {
  id: string;
  dirty: boolean;
  saving: boolean;
  onSave: () => void;
  onDiscard: () => void;
}

/**
 * Unsaved changes: inside Shopify, App Bridge's contextual save bar (which also asks before the
 * merchant navigates away); in the demo store, a sticky bar with the same two actions and the
 * browser's leave-page prompt.
 */
export function UnsavedChangesBar({ id, dirty, saving, onSave, onDiscard }: Props) {
  const embedded = useEmbedded();

  useEffect(() => {
    if (embedded || !dirty) return;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
    };
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [embedded, dirty]);

  if (embedded) {
    return (
      <SaveBar id={id} open={dirty}>
        <button variant="primary" onClick={onSave} loading={saving ? "" : undefined}></button>
        <button onClick={onDiscard} disabled={saving}></button>
      </SaveBar>
    );
  }
  if (!dirty) return null;
  return (
    <div
      style={{ position: "sticky", top: 0, zIndex: 30 }}
      role="region"
      aria-label="Unsaved changes"
    >
      <Box background="bg-fill-inverse" padding="300">
        <InlineStack align="space-between" blockAlign="center" gap="300">
          <Text as="p" tone="text-inverse" fontWeight="semibold">
            Unsaved changes
          </Text>
          <InlineStack align="start" gap="200">
            <Button onClick={onDiscard} disabled={saving}>
              Discard
            </Button>
            <Button variant="primary" onClick={onSave} loading={saving}>
              Save
            </Button>
          </InlineStack>
        </InlineStack>
      </Box>
    </div>
  );
}
