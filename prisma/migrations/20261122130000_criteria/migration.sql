-- AlterTable
ALTER TABLE "Campaign" ADD COLUMN     "criteriaVersionId" TEXT;

-- CreateTable
CREATE TABLE "CriteriaVersion" (
    "id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "cityId" TEXT,
    "titleZh" TEXT NOT NULL,
    "titleEn" TEXT NOT NULL,
    "content" JSONB NOT NULL,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CriteriaVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OfficeProfile" (
    "id" TEXT NOT NULL,
    "sequence" SERIAL NOT NULL,
    "officeId" TEXT NOT NULL,
    "effectiveFrom" DATE NOT NULL,
    "values" JSONB NOT NULL,
    "note" TEXT,
    "recordedBy" TEXT NOT NULL,
    "recordedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OfficeProfile_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CriteriaVersion_cityId_idx" ON "CriteriaVersion"("cityId");

-- CreateIndex
CREATE UNIQUE INDEX "CriteriaVersion_code_version_key" ON "CriteriaVersion"("code", "version");

-- CreateIndex
CREATE UNIQUE INDEX "OfficeProfile_sequence_key" ON "OfficeProfile"("sequence");

-- CreateIndex
CREATE INDEX "OfficeProfile_officeId_effectiveFrom_idx" ON "OfficeProfile"("officeId", "effectiveFrom");

-- AddForeignKey
ALTER TABLE "Campaign" ADD CONSTRAINT "Campaign_criteriaVersionId_fkey" FOREIGN KEY ("criteriaVersionId") REFERENCES "CriteriaVersion"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CriteriaVersion" ADD CONSTRAINT "CriteriaVersion_cityId_fkey" FOREIGN KEY ("cityId") REFERENCES "City"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OfficeProfile" ADD CONSTRAINT "OfficeProfile_officeId_fkey" FOREIGN KEY ("officeId") REFERENCES "Office"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Published criteria versions are immutable: a change is a new version, so a certification
-- (which pins a version's content when it is declared) and any report on it always read the
-- version as it was published.
CREATE FUNCTION "criteria_version_is_immutable"() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'CriteriaVersion rows are immutable; publish a new version (attempted %)', TG_OP;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "CriteriaVersion_immutable"
  BEFORE UPDATE OR DELETE ON "CriteriaVersion"
  FOR EACH ROW EXECUTE FUNCTION "criteria_version_is_immutable"();

-- Office profiles are a history: a correction is a new record, never an edit.
CREATE FUNCTION "office_profile_is_append_only"() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'OfficeProfile rows are append-only (attempted %)', TG_OP;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "OfficeProfile_append_only"
  BEFORE UPDATE OR DELETE ON "OfficeProfile"
  FOR EACH ROW EXECUTE FUNCTION "office_profile_is_append_only"();

-- The seeded criteria sets, shared by every city: domain/criteria-sets/*.ts serialised as
-- JSON (test/db/criteria.test.ts checks that the two agree). A revised seeded set is a new
-- version in a new migration.
INSERT INTO "CriteriaVersion" ("id", "code", "version", "cityId", "titleZh", "titleEn", "content", "createdBy")
VALUES ('fengqiao-office@1', 'fengqiao-office', 1, NULL, '“枫桥式”司法所', 'Fengqiao-style judicial office',
  '{"code":"fengqiao-office","version":1,"titleZh":"“枫桥式”司法所","titleEn":"Fengqiao-style judicial office","source":"重庆《“枫桥式”司法所创建方案》(seed 003): 创建的主要任务(五个方面)","totalPoints":100,"passThreshold":85,"dimensions":[{"code":"PARTY_BUILDING","titleZh":"突出党建引领,打造全面过硬的基层战斗堡垒","titleEn":"Party-building leadership","source":"重庆《“枫桥式”司法所创建方案》(seed 003) 一、突出党建引领","items":[{"code":"POLITICAL_BUILDING","titleZh":"政治建设有力,工作人员无违规违纪违法现象","titleEn":"Strong political building; no misconduct by staff","kind":"SCORED","maxPoints":8,"evidence":["DOCUMENT","RECORD","INTERVIEW"],"source":"重庆《“枫桥式”司法所创建方案》(seed 003) 一、政治建设有力"},{"code":"PARTY_ORGANISATION","titleZh":"基层组织健全,管理体制理顺,党员组织生活全覆盖","titleEn":"Sound grassroots organisation; every Party member in organised Party life","kind":"SCORED","maxPoints":6,"evidence":["DOCUMENT","RECORD"],"source":"重庆《“枫桥式”司法所创建方案》(seed 003) 一、基层组织健全"},{"code":"PARTY_BRANCH","titleZh":"有正式党员3人以上的,成立党支部","titleEn":"A Party branch where there are 3 or more full Party members","kind":"MANDATORY","maxPoints":0,"evidence":["OFFICE_DATA","DOCUMENT"],"source":"重庆《“枫桥式”司法所创建方案》(seed 003) 一、基层组织健全: “有正式党员3人以上的,应当成立党支部”","autoCheck":{"appliesWhen":{"metric":"partyMembers","operator":"AT_LEAST","value":3},"anyOf":[{"metric":"hasPartyBranch","operator":"AT_LEAST","value":1}]}},{"code":"TEAM_QUALITY","titleZh":"队伍素质过硬,人员配备与工作任务相适应","titleEn":"Capable team, staffed for the workload","kind":"SCORED","maxPoints":6,"evidence":["OFFICE_DATA","DOCUMENT","INTERVIEW"],"source":"重庆《“枫桥式”司法所创建方案》(seed 003) 一、队伍素质过硬"},{"code":"LEGAL_QUALIFIED_STAFF","titleZh":"配备一名具备法律职业资格的工作人员","titleEn":"A staff member with the legal professional qualification","kind":"MANDATORY","maxPoints":0,"evidence":["OFFICE_DATA"],"source":"重庆《“枫桥式”司法所创建方案》(seed 003) 一、队伍素质过硬: “原则上应当配备一名具备法律职业资格的工作人员”","autoCheck":{"anyOf":[{"metric":"legalQualifiedStaff","operator":"AT_LEAST","value":1}]}}]},{"code":"RULE_OF_LAW","titleZh":"坚持法治先行,打造基层依法治理的实践平台","titleEn":"Rule of law first","source":"重庆《“枫桥式”司法所创建方案》(seed 003) 二、坚持法治先行","items":[{"code":"LAW_BASED_GOVERNANCE","titleZh":"推动社会治理法治化(普法责任制、民主法治示范村、“法律明白人”等)","titleEn":"Law-based social governance (legal education duties, model villages, legal literates)","kind":"SCORED","maxPoints":12,"evidence":["DOCUMENT","RECORD","PHOTO","ON_SITE"],"source":"重庆《“枫桥式”司法所创建方案》(seed 003) 二、推动社会治理法治化"},{"code":"LAWFUL_ADMINISTRATION","titleZh":"推动政府依法行政(所长列席、合法性审查)","titleEn":"Lawful administration (attending township meetings, legality reviews)","kind":"SCORED","maxPoints":8,"evidence":["DOCUMENT","RECORD"],"source":"重庆《“枫桥式”司法所创建方案》(seed 003) 二、推动政府依法行政"}]},{"code":"PEOPLE_FIRST","titleZh":"坚持人民至上,打造公共法律服务的综合平台","titleEn":"People first: public legal services","source":"重庆《“枫桥式”司法所创建方案》(seed 003) 三、坚持人民至上","items":[{"code":"SERVICE_WINDOW","titleZh":"优化一站式服务窗口(业务用房达标、分区合理、信息公开)","titleEn":"One-stop service window (adequate premises, sensible layout, open information)","kind":"SCORED","maxPoints":6,"evidence":["ON_SITE","PHOTO"],"source":"重庆《“枫桥式”司法所创建方案》(seed 003) 三、优化一站式服务窗口"},{"code":"SIX_POINTS","titleZh":"设立“一所六点”","titleEn":"One office, six points established","kind":"MANDATORY","maxPoints":0,"evidence":["ON_SITE","PHOTO","DOCUMENT"],"source":"重庆《“枫桥式”司法所创建方案》(seed 003) 三、延伸拓展服务事项: 公证协办点、法律援助工作点、仲裁业务联系点、行政复议咨询点、行政执法意见收集点、立法民意采集点,综合形成“一所六点”"},{"code":"EXTENDED_SERVICES","titleZh":"延伸拓展服务事项(法律援助便民、首问责任、业务闭环)","titleEn":"Extended services (legal aid, first-contact responsibility, closed-loop cases)","kind":"SCORED","maxPoints":8,"evidence":["RECORD","INTERVIEW"],"source":"重庆《“枫桥式”司法所创建方案》(seed 003) 三、延伸拓展服务事项"},{"code":"SERVICE_NETWORK","titleZh":"健全一体化服务网络(12348重庆法网、智能化服务设备)","titleEn":"Integrated online and offline services (12348 legal network, smart devices)","kind":"SCORED","maxPoints":6,"evidence":["ON_SITE","RECORD"],"source":"重庆《“枫桥式”司法所创建方案》(seed 003) 三、健全一体化服务网络"}]},{"code":"SAFETY_FIRST","titleZh":"坚持平安为要,打造维护社会稳定的实战平台","titleEn":"Safety first: social stability","source":"重庆《“枫桥式”司法所创建方案》(seed 003) 四、坚持平安为要","items":[{"code":"DISPUTE_RESOLUTION","titleZh":"完善纠纷多元调处机制(一站式矛盾纠纷化解中心、“一庭两所”、专职调解员)","titleEn":"Dispute resolution (one-stop centre, court–police–justice linkage, full-time mediators)","kind":"SCORED","maxPoints":12,"evidence":["RECORD","ON_SITE","INTERVIEW"],"source":"重庆《“枫桥式”司法所创建方案》(seed 003) 四、完善纠纷多元调处机制"},{"code":"KEY_GROUPS","titleZh":"规范重点人群管理(社区矫正委员会、刑满释放人员衔接帮教)","titleEn":"Key groups (community correction committee, released prisoners’ resettlement)","kind":"SCORED","maxPoints":8,"evidence":["RECORD","DOCUMENT"],"source":"重庆《“枫桥式”司法所创建方案》(seed 003) 四、规范重点人群管理"},{"code":"NO_LOST_SUPERVISION","titleZh":"社区矫正不发生脱管、漏管","titleEn":"No one under community correction out of supervision","kind":"MANDATORY","maxPoints":0,"evidence":["OFFICE_DATA","RECORD"],"source":"重庆《“枫桥式”司法所创建方案》(seed 003) 四、规范重点人群管理: “不发生脱管、漏管和社会影响恶劣的案(事)件”","autoCheck":{"anyOf":[{"metric":"communityCorrectionLost","operator":"AT_MOST","value":0}]}},{"code":"VETO_EXTREME_VIOLENCE","titleZh":"辖区内发生个人极端暴力犯罪案件","titleEn":"An extreme violent crime by an individual occurred in the area","kind":"VETO","maxPoints":0,"evidence":["RECORD","INTERVIEW"],"source":"重庆《“枫桥式”司法所创建方案》(seed 003) 四、完善纠纷多元调处机制: “确保辖区内无个人极端暴力犯罪案件”"},{"code":"VETO_MASS_INCIDENT","titleZh":"辖区内发生重大群体性事件","titleEn":"A major mass incident occurred in the area","kind":"VETO","maxPoints":0,"evidence":["RECORD","INTERVIEW"],"source":"重庆《“枫桥式”司法所创建方案》(seed 003) 四、完善纠纷多元调处机制: “确保辖区内无……重大群体性事件”"},{"code":"VETO_CIVIL_TO_CRIMINAL","titleZh":"辖区内发生重大“民转刑”案件","titleEn":"A major civil dispute turned criminal in the area","kind":"VETO","maxPoints":0,"evidence":["RECORD","INTERVIEW"],"source":"重庆《“枫桥式”司法所创建方案》(seed 003) 四、完善纠纷多元调处机制: “确保辖区内无……重大‘民转刑’案件”"}]},{"code":"SERVING_OVERALL","titleZh":"坚持服务大局,打造经济社会发展的助推平台","titleEn":"Serving the overall situation","source":"重庆《“枫桥式”司法所创建方案》(seed 003) 五、坚持服务大局","items":[{"code":"CENTRAL_WORK","titleZh":"服务中心工作(助推乡村振兴、农村法治体系)","titleEn":"Serving central tasks (rural revitalisation, rural rule of law)","kind":"SCORED","maxPoints":8,"evidence":["DOCUMENT","RECORD"],"source":"重庆《“枫桥式”司法所创建方案》(seed 003) 五、服务中心工作"},{"code":"FEATURE_BRAND","titleZh":"打造特色品牌(一所一特色、一所一亮点)","titleEn":"A distinctive brand (one office, one feature)","kind":"SCORED","maxPoints":12,"evidence":["DOCUMENT","ON_SITE","PHOTO","VIDEO"],"source":"重庆《“枫桥式”司法所创建方案》(seed 003) 五、打造特色品牌"}]}]}'::jsonb, 'seed');

INSERT INTO "CriteriaVersion" ("id", "code", "version", "cityId", "titleZh", "titleEn", "content", "createdBy")
VALUES ('standardised-office@1', 'standardised-office', 1, NULL, '规范化司法所', 'Standardised judicial office',
  '{"code":"standardised-office","version":1,"titleZh":"规范化司法所","titleEn":"Standardised judicial office","source":"芜湖《全市司法所建设规范提升工程实施方案》(seed 000); 《加强乐山市司法所规范化建设工作方案》(seed 004); 重庆《“枫桥式”司法所创建方案》(seed 003)","totalPoints":100,"passThreshold":80,"dimensions":[{"code":"FACILITIES","titleZh":"基础设施","titleEn":"Premises and equipment","source":"芜湖《全市司法所建设规范提升工程实施方案》(seed 000) 三(三) 提升司法所基础设施建设水平; 《加强乐山市司法所规范化建设工作方案》(seed 004) 二(一)3、二(三)1","items":[{"code":"PREMISES_AREA","titleZh":"办公及业务用房面积达标(街道≥120平方米;乡镇按人口≥160/180/200平方米)","titleEn":"Office and business premises (street ≥120 m²; township by population ≥160/180/200 m²)","kind":"MANDATORY","maxPoints":0,"evidence":["OFFICE_DATA","ON_SITE","DOCUMENT"],"source":"芜湖《全市司法所建设规范提升工程实施方案》(seed 000) 三(三): “新建街道司法所办公业务用房面积达到120平方米以上。乡镇人口在10万人以上的……达到200平方米以上,5万至10万人口的,不低于180平方米,5万人口以下的,不低于160平方米”","autoCheck":{"anyOf":[{"metric":"premisesAreaM2","operator":"AT_LEAST","bands":[{"officeType":"STREET","value":120},{"officeType":"TOWNSHIP","populationBelow":50000,"value":160},{"officeType":"TOWNSHIP","populationFrom":50000,"populationBelow":100000,"value":180},{"officeType":"TOWNSHIP","populationFrom":100000,"value":200}]}]}},{"code":"EXCLUSIVE_PREMISES","titleZh":"独立使用的业务用房不少于100平方米","titleEn":"At least 100 m² of business premises for the office’s own use","kind":"MANDATORY","maxPoints":0,"evidence":["OFFICE_DATA","ON_SITE"],"source":"《加强乐山市司法所规范化建设工作方案》(seed 004) 二(一)3: “保证司法所独立使用的业务用房面积不少于100平方米”","autoCheck":{"anyOf":[{"metric":"exclusivePremisesAreaM2","operator":"AT_LEAST","value":100}]}},{"code":"FUNCTIONAL_ROOMS","titleZh":"功能室规范设置(调解室、社区矫正宣告室、档案室等),统一悬挂标识","titleEn":"Functional rooms (mediation, correction, archives…) with standard signage","kind":"SCORED","maxPoints":15,"evidence":["ON_SITE","PHOTO"],"source":"芜湖《全市司法所建设规范提升工程实施方案》(seed 000) 三(三): 司法所办公及业务用房规范设置……等功能室"},{"code":"EQUIPMENT","titleZh":"装备配备(工作用车、电脑、电话、打印机、传真机、照相机)","titleEn":"Equipment (vehicle, computers, phones, printer, fax, camera)","kind":"SCORED","maxPoints":10,"evidence":["ON_SITE","RECORD"],"source":"芜湖《全市司法所建设规范提升工程实施方案》(seed 000) 三(三); 《加强乐山市司法所规范化建设工作方案》(seed 004) 二(三)1 保证司法所装备配备"},{"code":"VISUAL_IDENTITY","titleZh":"外观形象及室内标识规范","titleEn":"Standard exterior and interior identity","kind":"SCORED","maxPoints":5,"evidence":["ON_SITE","PHOTO"],"source":"芜湖《全市司法所建设规范提升工程实施方案》(seed 000) 三(三) 形象识别系统; 《加强乐山市司法所规范化建设工作方案》(seed 004) 二(四)1 提升司法所外观形象"}]},{"code":"STAFFING","titleZh":"队伍建设","titleEn":"Staffing","source":"芜湖《全市司法所建设规范提升工程实施方案》(seed 000) 三(二) 提升司法所工作队伍建设水平; 《加强乐山市司法所规范化建设工作方案》(seed 004) 二(二); 重庆《“枫桥式”司法所创建方案》(seed 003) 一","items":[{"code":"AUXILIARY_STAFF","titleZh":"专职辅助工作人员不少于3人","titleEn":"At least 3 full-time auxiliary staff","kind":"MANDATORY","maxPoints":0,"evidence":["OFFICE_DATA","DOCUMENT"],"source":"芜湖《全市司法所建设规范提升工程实施方案》(seed 000) 三(二): “司法所所均聘用专职辅助工作人员一般不少于3人”","autoCheck":{"anyOf":[{"metric":"fullTimeAuxiliaryStaff","operator":"AT_LEAST","value":3}]}},{"code":"LEGAL_QUALIFIED_STAFF","titleZh":"配备一名具备法律职业资格的工作人员","titleEn":"A staff member with the legal professional qualification","kind":"MANDATORY","maxPoints":0,"evidence":["OFFICE_DATA"],"source":"重庆《“枫桥式”司法所创建方案》(seed 003) 一、队伍素质过硬: “原则上应当配备一名具备法律职业资格的工作人员”","autoCheck":{"anyOf":[{"metric":"legalQualifiedStaff","operator":"AT_LEAST","value":1}]}},{"code":"TRAINING","titleZh":"年度累计培训不少于12天或90个学时","titleEn":"At least 12 days or 90 class hours of training a year","kind":"MANDATORY","maxPoints":0,"evidence":["OFFICE_DATA","RECORD"],"source":"《加强乐山市司法所规范化建设工作方案》(seed 004) 二(二)3: “每年至少集中培训1次,累计培训时间不少于12天或90个学时”","autoCheck":{"anyOf":[{"metric":"trainingDays","operator":"AT_LEAST","value":12},{"metric":"trainingHours","operator":"AT_LEAST","value":90}]}},{"code":"PARTY_BRANCH","titleZh":"有正式党员3人以上的,成立党支部","titleEn":"A Party branch where there are 3 or more full Party members","kind":"MANDATORY","maxPoints":0,"evidence":["OFFICE_DATA","DOCUMENT"],"source":"重庆《“枫桥式”司法所创建方案》(seed 003) 一、基层组织健全: “有正式党员3人以上的,应当成立党支部”","autoCheck":{"appliesWhen":{"metric":"partyMembers","operator":"AT_LEAST","value":3},"anyOf":[{"metric":"hasPartyBranch","operator":"AT_LEAST","value":1}]}},{"code":"TEAM_MANAGEMENT","titleZh":"队伍教育管理(培训规划、岗位练兵、持证上岗)","titleEn":"Team education and management (training plan, drills, certification)","kind":"SCORED","maxPoints":10,"evidence":["DOCUMENT","RECORD"],"source":"芜湖《全市司法所建设规范提升工程实施方案》(seed 000) 三(二)2、3; 《加强乐山市司法所规范化建设工作方案》(seed 004) 二(二)3"}]},{"code":"FRONTLINE_WORK","titleZh":"基层工作服务保障","titleEn":"Frontline work","source":"芜湖《全市司法所建设规范提升工程实施方案》(seed 000) 三(四) 提升基层工作服务保障水平; 《加强乐山市司法所规范化建设工作方案》(seed 004) 二(五) 强化司法所工作职能","items":[{"code":"MEDIATION_SUCCESS","titleZh":"矛盾纠纷调解成功率保持在98%以上","titleEn":"Mediation success rate of at least 98%","kind":"MANDATORY","maxPoints":0,"evidence":["OFFICE_DATA","RECORD"],"source":"芜湖《全市司法所建设规范提升工程实施方案》(seed 000) 三(四): “矛盾纠纷的调解成功率保持在98%以上”","autoCheck":{"appliesWhen":{"metric":"mediationCases","operator":"AT_LEAST","value":1},"anyOf":[{"metric":"mediationSuccessRate","operator":"AT_LEAST","value":98}]}},{"code":"NO_LOST_SUPERVISION","titleZh":"社区服刑人员无脱管漏管","titleEn":"No one under community correction out of supervision","kind":"MANDATORY","maxPoints":0,"evidence":["OFFICE_DATA","RECORD"],"source":"芜湖《全市司法所建设规范提升工程实施方案》(seed 000) 三(四): “社区矫正工作制度健全……社区服刑人员无脱管漏管”","autoCheck":{"anyOf":[{"metric":"communityCorrectionLost","operator":"AT_MOST","value":0}]}},{"code":"MEDIATION_WORK","titleZh":"人民调解工作(排查、调处、联动联调、规范化建设)","titleEn":"People’s mediation (screening, resolution, linked mediation)","kind":"SCORED","maxPoints":15,"evidence":["RECORD","INTERVIEW"],"source":"芜湖《全市司法所建设规范提升工程实施方案》(seed 000) 三(四); 《加强乐山市司法所规范化建设工作方案》(seed 004) 二(五)1 加强对人民调解工作的指导管理"},{"code":"COMMUNITY_CORRECTION","titleZh":"社区矫正日常管理规范","titleEn":"Community correction managed by the rules","kind":"SCORED","maxPoints":10,"evidence":["RECORD","DOCUMENT"],"source":"芜湖《全市司法所建设规范提升工程实施方案》(seed 000) 三(四); 《加强乐山市司法所规范化建设工作方案》(seed 004) 二(五)2 强化社区矫正人员日常管理工作"},{"code":"RESETTLEMENT","titleZh":"安置帮教(重点人员衔接率100%、必接必送)","titleEn":"Resettlement of released prisoners (every key person handed over)","kind":"SCORED","maxPoints":10,"evidence":["RECORD"],"source":"芜湖《全市司法所建设规范提升工程实施方案》(seed 000) 三(四): “重点人员衔接率达到100%”; 《加强乐山市司法所规范化建设工作方案》(seed 004) 二(五)3"},{"code":"LEGAL_SERVICES","titleZh":"公共法律服务与普法依法治理","titleEn":"Public legal services, legal education and law-based governance","kind":"SCORED","maxPoints":5,"evidence":["RECORD","ON_SITE"],"source":"芜湖《全市司法所建设规范提升工程实施方案》(seed 000) 三(四); 《加强乐山市司法所规范化建设工作方案》(seed 004) 二(五)4、5"}]},{"code":"MANAGEMENT","titleZh":"规范管理","titleEn":"Management","source":"芜湖《全市司法所建设规范提升工程实施方案》(seed 000) 三(五) 提升基层工作指导管理水平; 《加强乐山市司法所规范化建设工作方案》(seed 004) 二(四) 推进司法所规范化建设","items":[{"code":"WORK_RULES","titleZh":"工作制度健全(岗位目标责任制、请示汇报、档案管理等)","titleEn":"Complete work rules (target responsibility, reporting, archives…)","kind":"SCORED","maxPoints":10,"evidence":["DOCUMENT"],"source":"芜湖《全市司法所建设规范提升工程实施方案》(seed 000) 三(五); 《加强乐山市司法所规范化建设工作方案》(seed 004) 二(四)4 建立健全工作制度"},{"code":"INFORMATISATION","titleZh":"信息化建设与应用(电子政务外网、电子档案、远程视频)","titleEn":"IT in use (government network, electronic files, video links)","kind":"SCORED","maxPoints":5,"evidence":["ON_SITE","RECORD"],"source":"芜湖《全市司法所建设规范提升工程实施方案》(seed 000) 三(五)1; 《加强乐山市司法所规范化建设工作方案》(seed 004) 二(四)2 推进司法所信息化建设"},{"code":"FOUR_DISCLOSURES","titleZh":"所务管理“四公开”","titleEn":"The “four disclosures” of office affairs","kind":"SCORED","maxPoints":5,"evidence":["ON_SITE","PHOTO"],"source":"《加强乐山市司法所规范化建设工作方案》(seed 004) 二(四)3 实行司法所所务管理“四公开”"}]}]}'::jsonb, 'seed');

-- Campaigns created before versioned criteria scored against the provisional Fengqiao-style
-- rubric; they now pin the published Fengqiao-style set for new declarations.
UPDATE "Campaign" SET "criteriaVersionId" = 'fengqiao-office@1' WHERE "criteriaVersionId" IS NULL;
