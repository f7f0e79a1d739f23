import { List, Text } from "@shopify/polaris";

/** Problems by label ("“Waxing” · Discount: must be between 0 and 100"), never by config path. */
export function ProblemList({
  problems,
}: {
  problems: readonly { path: string; message: string; label?: string }[];
}) {
  return (
    <List>
      {problems.map((p) => (
        <List.Item key={`${p.path}:${p.message}`}>
          <Text as="span" fontWeight="semibold">
            {p.label ?? p.path}
          </Text>
          : {p.message}
        </List.Item>
      ))}
    </List>
  );
}
