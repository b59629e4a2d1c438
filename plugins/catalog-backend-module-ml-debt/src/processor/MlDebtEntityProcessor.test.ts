import { ConfigReader } from '@backstage/config';
import { Entity } from '@backstage/catalog-model';
import { MlDebtEntityProcessor } from './MlDebtEntityProcessor';
import { readCatalogRules } from '../rules/catalogRules';

const location = { type: 'file', target: '/repo/catalog-info.yaml' };

/** An ML service that satisfies every default rule. */
function entity(
  overrides: {
    annotations?: Record<string, string>;
    spec?: Record<string, unknown>;
    description?: string | null;
    links?: { url: string; type?: string; title?: string }[];
  } = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'churn-model',
      ...(overrides.description === null
        ? {}
        : { description: overrides.description ?? 'Predicts churn.' }),
      annotations: {
        'grafana/dashboard-selector': "tags @> 'churn'",
        ...overrides.annotations,
      },
      ...(overrides.links ? { links: overrides.links } : {}),
    },
    spec: {
      type: 'ml-model',
      owner: 'group:default/growth-ml',
      lifecycle: 'production',
      system: 'customer-growth',
      dependsOn: ['resource:customer-features'],
      ...overrides.spec,
    },
  };
}

function withoutAnnotations(e: Entity): Entity {
  return { ...e, metadata: { ...e.metadata, annotations: {} } };
}

const processorWith = (catalogRules?: object, labels?: any) =>
  MlDebtEntityProcessor.fromConfig(
    new ConfigReader(
      catalogRules ? { mlDebt: { catalogRules } } : ({} as object),
    ),
    { labels },
  );

async function run(processor: MlDebtEntityProcessor, input: Entity) {
  const emit = jest.fn();
  const output = await processor.preProcessEntity(input, location, emit);
  return { output, emit };
}

function warningsOf(output: Entity) {
  const raw = output.metadata.annotations?.['ml-debt.io/catalog-warnings'];
  return raw ? JSON.parse(raw) : [];
}

describe('MlDebtEntityProcessor', () => {
  const processor = processorWith();

  it('reads the shared ML-service rules from config', () => {
    const custom = MlDebtEntityProcessor.fromConfig(
      new ConfigReader({ mlDebt: { discovery: { types: ['model'] } } }),
    );
    expect(custom.rules.types).toEqual(['model']);
    expect(processor.rules.types).toEqual([
      'ml-service',
      'ml-model',
      'ml-pipeline',
    ]);
  });

  it.each(['true', 'false'])(
    'accepts ml-debt.io/enabled: "%s"',
    async value => {
      const input = entity({ annotations: { 'ml-debt.io/enabled': value } });
      const { output, emit } = await run(processor, input);
      expect(output).toEqual(input);
      expect(emit).not.toHaveBeenCalled();
    },
  );

  it('reports a malformed opt-in annotation with the fix', async () => {
    const { emit } = await run(
      processor,
      entity({ annotations: { 'ml-debt.io/enabled': 'yes' } }),
    );
    expect(emit).toHaveBeenCalledTimes(1);
    const [result] = emit.mock.calls[0];
    expect(result.type).toBe('error');
    expect(result.location).toBe(location);
    expect(result.error.name).toBe('InputError');
    expect(result.error.message).toBe(
      'Component:default/churn-model has annotation ml-debt.io/enabled: "yes"; set it to "true" to scan this entity for ML debt or "false" to opt it out',
    );
  });

  it('leaves an entity that satisfies every default rule unchanged', async () => {
    const input = entity();
    const { output, emit } = await run(processor, input);
    expect(output).toEqual(input);
    expect(emit).not.toHaveBeenCalled();
  });

  it('applies the rules to ML services only (the shared isMlService)', async () => {
    const website = entity({
      spec: { type: 'website', owner: 'user:jane', lifecycle: 'prod' },
    });
    await expect(run(processor, website)).resolves.toMatchObject({
      output: website,
    });
    const optedOut = entity({
      annotations: { 'ml-debt.io/enabled': 'false' },
      spec: { lifecycle: 'prod' },
    });
    await expect(run(processor, optedOut)).resolves.toMatchObject({
      output: optedOut,
    });
    // An opted-in service of another type is an ML service.
    await expect(
      run(
        processor,
        entity({
          annotations: { 'ml-debt.io/enabled': 'true' },
          spec: { type: 'service', lifecycle: 'prod' },
        }),
      ),
    ).rejects.toThrow(/spec\.lifecycle is "prod"/);
  });

  // Each rule, broken, at each severity.
  const broken: [string, string | undefined, Entity, RegExp][] = [
    [
      'ownerIsGroup',
      'CAT-01',
      entity({ spec: { owner: 'user:jonas.weber' } }),
      /^spec\.owner is "user:jonas\.weber", not a Group: set spec\.owner to a Group ref \(group:<team>\) in the descriptor of Component:default\/churn-model \(\/repo\/catalog-info\.yaml\)$/,
    ],
    [
      'lifecycle',
      'CAT-02',
      entity({ spec: { lifecycle: 'prod' } }),
      /^spec\.lifecycle is "prod": set spec\.lifecycle to one of experimental, production, deprecated in the descriptor of Component:default\/churn-model/,
    ],
    [
      'system',
      undefined,
      entity({ spec: { system: undefined } }),
      /^spec\.system is missing: set spec\.system to the System/,
    ],
    [
      'description',
      undefined,
      entity({ description: null }),
      /^metadata\.description is missing: describe what the model predicts/,
    ],
    [
      'dataDependencies',
      'CAT-04',
      entity({ spec: { dependsOn: ['component:feature-pipeline'] } }),
      /^spec\.dependsOn has no data Resource: add the datasets, tables or topics the service reads as resource:<name> to spec\.dependsOn/,
    ],
    [
      'operationsAnnotation',
      'CAT-05',
      withoutAnnotations(entity()),
      /^no monitoring, on-call or model-registry annotation: add one of pagerduty\.com\/\*, .*ml-debt\.io\/model-registry.* to metadata\.annotations/,
    ],
  ];

  describe.each(broken)('rule %s', (rule, check, input, message) => {
    it('as an error, throws an InputError that says what to add where', async () => {
      const p = processorWith({ [rule]: { severity: 'error' } });
      const error = await run(p, input).catch(e => e);
      expect(error).toBeInstanceOf(Error);
      expect(error.name).toBe('InputError');
      expect(error.message).toMatch(
        /^ML service breaks 1 ML Debt catalog rule\(s\) \(mlDebt\.catalogRules\): /,
      );
      expect(error.message).toContain(`[${rule}${check ? `, ${check}` : ''}]`);
      const detail = error.message.replace(/^.*?\] /, '');
      expect(detail).toMatch(message);
    });

    it('as a warning, never blocks and records it in ml-debt.io/catalog-warnings', async () => {
      const p = processorWith({
        [rule]: { severity: 'warning' },
        lifecycle: { severity: rule === 'lifecycle' ? 'warning' : 'off' },
      });
      const { output, emit } = await run(p, input);
      expect(emit).not.toHaveBeenCalled();
      const warnings = warningsOf(output);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toEqual({
        rule,
        ...(check ? { check } : {}),
        message: expect.stringMatching(message),
      });
      // Everything else is the input's.
      expect({
        ...output,
        metadata: {
          ...output.metadata,
          annotations: input.metadata.annotations,
        },
      }).toEqual(input);
    });

    it('when off, is not applied', async () => {
      const p = processorWith({ [rule]: { severity: 'off' } });
      const { output } = await run(p, input);
      expect(warningsOf(output)).toEqual([]);
    });
  });

  it('lists every broken error rule in one message', async () => {
    const p = processorWith({
      ownerIsGroup: { severity: 'error' },
      system: { severity: 'error' },
    });
    await expect(
      run(p, entity({ spec: { owner: 'user:jane', system: '' } })),
    ).rejects.toThrow(
      /breaks 2 ML Debt catalog rule\(s\).*\[ownerIsGroup, CAT-01\] spec\.owner is "user:jane".*; \[system\] spec\.system is missing/,
    );
  });

  it('accepts an owner without kind (a Group by default) and a custom lifecycle list', async () => {
    const p = processorWith({
      ownerIsGroup: { severity: 'error' },
      lifecycle: { allowed: ['ga', 'beta'] },
    });
    await expect(
      run(p, entity({ spec: { owner: 'growth-ml', lifecycle: 'beta' } })),
    ).resolves.toBeDefined();
    await expect(
      run(p, entity({ spec: { lifecycle: 'production' } })),
    ).rejects.toThrow('set spec.lifecycle to one of ga, beta');
  });

  it('accepts an operational link instead of an annotation, and custom annotations', async () => {
    const linked = withoutAnnotations(
      entity({
        links: [{ url: 'https://mlflow/models/churn', type: 'registry' }],
      }),
    );
    expect(warningsOf((await run(processor, linked)).output)).toEqual([]);
    const p = processorWith({
      operationsAnnotation: { annotations: ['acme.example/model-card'] },
    });
    const custom = withoutAnnotations(entity());
    custom.metadata.annotations = { 'acme.example/model-card': 'x' };
    expect(warningsOf((await run(p, custom)).output)).toEqual([]);
    // The default prefixes no longer count once the list is replaced.
    expect(warningsOf((await run(p, entity())).output)).toEqual([
      expect.objectContaining({ rule: 'operationsAnnotation' }),
    ]);
  });

  describe('grade labels', () => {
    it('labels a scanned ML service with its grade and score', async () => {
      const read = jest.fn().mockResolvedValue({ grade: 'B', score: '74' });
      const { output } = await run(
        processorWith(undefined, { read }),
        entity(),
      );
      expect(read).toHaveBeenCalledWith({
        kind: 'Component',
        namespace: 'default',
        name: 'churn-model',
      });
      expect(output.metadata.labels).toEqual({
        'ml-debt.io/grade': 'B',
        'ml-debt.io/score': '74',
      });
    });

    it.each([
      ['not scanned yet', null],
      ['backend unreachable, nothing known', undefined],
    ])('leaves a service %s unlabelled', async (_, value) => {
      const read = jest.fn().mockResolvedValue(value);
      const input = entity();
      const { output } = await run(processorWith(undefined, { read }), input);
      expect(output).toEqual(input);
    });

    it('does not ask for non-ML entities nor for rejected ones', async () => {
      const read = jest.fn().mockResolvedValue({ grade: 'A', score: '95' });
      const p = processorWith(undefined, { read });
      await run(p, entity({ spec: { type: 'website' } }));
      await expect(
        run(p, entity({ spec: { lifecycle: 'prod' } })),
      ).rejects.toThrow();
      expect(read).not.toHaveBeenCalled();
    });
  });
});

describe('readCatalogRules', () => {
  const read = (catalogRules: unknown) => () =>
    readCatalogRules(new ConfigReader({ mlDebt: { catalogRules } } as any));

  it('defaults to the CAT-derived rule set', () => {
    const rules = readCatalogRules(new ConfigReader({}));
    expect(
      Object.fromEntries(
        Object.entries(rules).map(([id, r]) => [id, r.severity]),
      ),
    ).toEqual({
      ownerIsGroup: 'warning',
      lifecycle: 'error',
      system: 'warning',
      description: 'warning',
      dataDependencies: 'warning',
      operationsAnnotation: 'warning',
    });
  });

  it('merges configured rules over the defaults', () => {
    const rules = read({
      ownerIsGroup: { severity: 'error' },
      lifecycle: { allowed: ['ga'] },
    })();
    expect(rules.ownerIsGroup.severity).toBe('error');
    expect(rules.lifecycle).toEqual({ severity: 'error', allowed: ['ga'] });
    expect(rules.system.severity).toBe('warning');
  });

  it.each([
    [
      'an unknown rule',
      { ownerIsTeam: { severity: 'error' } },
      'Invalid mlDebt.catalogRules configuration: unknown rule "ownerIsTeam"; the rules are ownerIsGroup, lifecycle, system, description, dataDependencies, operationsAnnotation',
    ],
    [
      'a bad severity',
      { system: { severity: 'fatal' } },
      'Invalid mlDebt.catalogRules configuration: mlDebt.catalogRules.system.severity must be one of error, warning, off, got "fatal"',
    ],
    [
      'a rule that is not an object',
      { system: 'warning' },
      'Invalid mlDebt.catalogRules configuration: mlDebt.catalogRules.system must be an object such as { severity: warning }, got "warning"',
    ],
    [
      'an unknown option',
      { system: { severity: 'off', allowed: ['x'] } },
      'Invalid mlDebt.catalogRules configuration: unknown option mlDebt.catalogRules.system.allowed; system takes severity',
    ],
    [
      'a list of the wrong type',
      { lifecycle: { allowed: 'production' } },
      'Invalid mlDebt.catalogRules configuration: mlDebt.catalogRules.lifecycle.allowed must be a non-empty list of strings, got "production"',
    ],
    [
      'an empty list',
      { operationsAnnotation: { annotations: [] } },
      'mlDebt.catalogRules.operationsAnnotation.annotations must be a non-empty list of strings, got []',
    ],
    [
      'a list instead of the rules object',
      [{ rule: 'system' }],
      'Invalid mlDebt.catalogRules configuration: expected an object of rules',
    ],
  ])('rejects %s', (_, config, message) => {
    expect(read(config)).toThrow(message);
  });
});
