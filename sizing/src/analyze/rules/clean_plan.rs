// Included (not a module): the plan every rule test bends one way at a time.
/// One instance on one separate SQL Server host with log shipping, and service
/// levels it meets: no finding. Shared by the rules' tests and `tests/common.rs`.
pub fn clean_plan() -> Plan {
    let mut inst = Instance::new("a", 1000.0);
    inst.name = "Alpha".into();
    inst.workspaces.push(Workspace {
        name: "Alpha desktop".into(),
        count: 3.0,
        ..Workspace::default()
    });
    inst.server.site = "DC1".into();
    inst.standby.mode = StandbyMode::ColdRestore;
    inst.sql_host = Some("s1".into());
    inst.consoles.push(Console {
        name: "Alpha console".into(),
        virtual_pc_confirmed: true,
        ..Console::default()
    });
    let mut host = SqlHost::new("s1");
    host.fault_tolerance = SqlFaultTolerance::LogShipping;
    Plan {
        name: "Clean".into(),
        service_levels: ServiceLevels {
            max_medv_outage_hours: Some(8.0),
            max_sql_outage_hours: Some(4.0),
            report_staleness_minutes: None,
            sql_data_loss: DataLoss::NotAcceptable,
        },
        instances: vec![inst],
        sql_hosts: vec![host],
        ..Plan::default()
    }
}

/// A second instance "b" with its own names, on the same host as "a".
pub fn second_instance() -> Instance {
    let mut b = clean_plan().instances.remove(0);
    b.id = "b".into();
    b.name = "Beta".into();
    b.workspaces[0].name = "Beta desktop".into();
    b.consoles[0].name = "Beta console".into();
    b
}
