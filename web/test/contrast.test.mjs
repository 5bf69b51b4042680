// Unit tests of src/theme/contrast.ts and city_theme.ts (node --test; Vite's module runner
// loads the TypeScript). Reference values from WebAIM's contrast checker.
import { test } from "node:test";
import assert from "node:assert/strict";
import { runnerImport } from "vite";

const { module: contrast } = await runnerImport("/src/theme/contrast.ts", { configFile: false, logLevel: "silent" });
const { module: theme } = await runnerImport("/src/theme/city_theme.ts", { configFile: false, logLevel: "silent" });
const { contrastRatio, readableOn, shadeForText, parseHex, toHex, relativeLuminance } = contrast;

const close = (actual, expected, digits = 2) =>
  assert.ok(Math.abs(actual - expected) < 10 ** -digits, `${actual} is not ${expected}`);

test("contrastRatio matches the WCAG definition", () => {
  close(contrastRatio("#000000", "#ffffff"), 21);
  close(contrastRatio("#ffffff", "#ffffff"), 1);
  close(contrastRatio("#777777", "#ffffff"), 4.48);
  close(contrastRatio("#ffffff", "#767676"), 4.54);
  close(contrastRatio("#b1001c", "#ffffff"), 7.27); // Dortmund
  close(contrastRatio("#005ca9", "#ffffff"), 6.77);
  assert.equal(contrastRatio("#123", "#fff"), contrastRatio("#112233", "#FFFFFF"), "short and upper-case forms");
  assert.equal(contrastRatio("#abcdef", "#102030"), contrastRatio("#102030", "#abcdef"), "symmetric");
});

test("parseHex refuses what is not a colour", () => {
  assert.deepEqual(parseHex("#0a0B0c"), [10, 11, 12]);
  assert.deepEqual(parseHex("fff"), [255, 255, 255]);
  for (const bad of ["", "#12", "#12345", "red", "#ggg000", "#1234567"])
    assert.throws(() => parseHex(bad), RangeError, bad);
  assert.equal(toHex([255.4, -3, 16]), "#ff0010");
  close(relativeLuminance("#ffffff"), 1, 6);
  close(relativeLuminance("#000000"), 0, 6);
});

test("readableOn picks white or near-black text", () => {
  assert.equal(readableOn("#b1001c"), "#ffffff");
  assert.equal(readableOn("#000000"), "#ffffff");
  assert.equal(readableOn("#ffffff"), "#1a1a1a");
  assert.equal(readableOn("#ffd400"), "#1a1a1a"); // yellow
  assert.equal(readableOn("#00a0e0"), "#1a1a1a"); // light blue: white gives only ~2.9:1
});

test("shadeForText darkens (or lightens) just enough to reach 4.5:1", () => {
  assert.equal(shadeForText("#b1001c", "#ffffff"), "#b1001c", "already readable: unchanged");
  for (const colour of ["#00a0e0", "#ffd400", "#ff7f00", "#66cc66", "#ffffff"]) {
    const shade = shadeForText(colour, "#ffffff");
    assert.ok(contrastRatio(shade, "#ffffff") >= 4.5, `${colour} → ${shade}`);
    assert.ok(contrastRatio(shade, "#ffffff") < 4.7, `${colour} → ${shade} is not darker than needed`);
  }
  const light = shadeForText("#333366", "#1a1a1a");
  assert.ok(contrastRatio(light, "#1a1a1a") >= 4.5, light);
  assert.ok(relativeLuminance(light) > relativeLuminance("#333366"), "dark text: lighter shade");
  const hue = parseHex(shadeForText("#00a0e0", "#ffffff"));
  assert.ok(hue[2] > hue[1] && hue[1] > hue[0], "the hue is kept (blue stays blue)");
});

test("cityColours keeps readable city colours and repairs the others", () => {
  assert.deepEqual(theme.cityColours("#B1001C", "#FFFFFF"), {
    primary: "#b1001c",
    onPrimary: "#ffffff",
    accent: "#b1001c",
  });
  const light = theme.cityColours("#00a0e0", "#ffffff");
  assert.equal(light.onPrimary, "#ffffff");
  assert.ok(contrastRatio(light.primary, "#ffffff") >= 4.5);
  assert.ok(contrastRatio(light.accent, "#f6f6f6") >= 4.5);
  const darkText = theme.cityColours("#1a1a40", "#222222");
  assert.equal(darkText.onPrimary, "#ffffff");
  assert.ok(contrastRatio(darkText.primary, darkText.onPrimary) >= 4.5);
  const broken = theme.cityColours("rot", undefined);
  assert.equal(broken.primary, "#005ca9");
  assert.equal(broken.onPrimary, "#ffffff");
});
